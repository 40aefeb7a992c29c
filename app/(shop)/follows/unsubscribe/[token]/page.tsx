import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { UnsubscribePage, type UnsubscribeView } from "@/components/unsubscribe/unsubscribe-page";
import { db } from "@/db";
import { lookUpFollowUnsubscribe } from "@/lib/follows";
import { unsubscribeFollowAction } from "./actions";

export const metadata: Metadata = { robots: { index: false } };

/** A follow mail's unsubscribe link: one band's follow, or all mail from bands. */
export default async function FollowUnsubscribePage({ params }: PageProps<"/follows/unsubscribe/[token]">) {
  const token = decodeURIComponent((await params).token);
  const [t, found] = await Promise.all([getTranslations("follows.unsubscribe"), lookUpFollowUnsubscribe(db, token)]);
  let view: UnsubscribeView = { found: false };
  if (found.ok) {
    const words =
      found.kind === "all"
        ? {
            confirm: t("confirmAll", { email: found.email }),
            done: t("doneAll", { email: found.email }),
            already: t("alreadyAll", { email: found.email }),
          }
        : {
            confirm: t("confirmFollow", { email: found.email, band: found.band }),
            done: t("doneFollow", { email: found.email, band: found.band }),
            already: t("alreadyFollow", { email: found.email, band: found.band }),
          };
    view = found.done
      ? { found: true, alreadyLeft: words.already }
      : { found: true, confirm: words.confirm, done: words.done };
  }
  return (
    <UnsubscribePage
      title={t("title")}
      invalid={t("invalid")}
      button={t("button")}
      token={token}
      action={unsubscribeFollowAction}
      view={view}
      footer={<p className="text-muted">{t("receipts")}</p>}
      testId="follow-unsubscribe"
    />
  );
}
