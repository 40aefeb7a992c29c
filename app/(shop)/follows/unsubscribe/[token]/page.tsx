import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { UnsubscribeForm } from "@/app/(shop)/library/unsubscribe/[token]/unsubscribe-form";
import { Notice } from "@/components/ui/notice";
import { db } from "@/db";
import { lookUpFollowUnsubscribe } from "@/lib/follows";
import { unsubscribeFollowAction } from "./actions";

export const metadata: Metadata = { robots: { index: false } };

/**
 * A follow mail's unsubscribe link (one band, or all mail from bands). Opening it changes nothing:
 * mail scanners fetch every URL, so the fan confirms with one button; mail clients' RFC 8058
 * POSTs go straight to /api/follows/unsubscribe (proxy.ts).
 */
export default async function FollowUnsubscribePage({ params }: PageProps<"/follows/unsubscribe/[token]">) {
  const token = decodeURIComponent((await params).token);
  const [t, found] = await Promise.all([getTranslations("follows.unsubscribe"), lookUpFollowUnsubscribe(db, token)]);
  const words = !found.ok
    ? null
    : found.kind === "all"
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
  return (
    <div className="mx-auto max-w-lg space-y-4 px-4 py-16 text-sm" data-testid="follow-unsubscribe">
      <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
      {!found.ok || !words ? (
        <Notice tone="error">{t("invalid")}</Notice>
      ) : found.done ? (
        <Notice>{words.already}</Notice>
      ) : (
        <UnsubscribeForm
          action={unsubscribeFollowAction}
          token={token}
          words={{ confirm: words.confirm, button: t("button"), done: words.done, invalid: t("invalid") }}
        />
      )}
      <p className="text-muted">{t("receipts")}</p>
    </div>
  );
}
