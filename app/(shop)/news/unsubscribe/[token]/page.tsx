import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { UnsubscribePage } from "@/components/unsubscribe/unsubscribe-page";
import { db } from "@/db";
import { lookUpNewsUnsubscribe } from "@/lib/news";
import { newsUnsubscribeAction } from "./actions";

export const metadata: Metadata = { robots: { index: false } };

/** A band post's unsubscribe link: one confirm click ends what brought the fan that mail. */
export default async function NewsUnsubscribePage({ params }: PageProps<"/news/unsubscribe/[token]">) {
  const token = decodeURIComponent((await params).token);
  const [t, found] = await Promise.all([getTranslations("news.unsubscribe"), lookUpNewsUnsubscribe(db, token)]);
  const who = found.ok ? { band: found.band, email: found.email } : null;
  return (
    <UnsubscribePage
      title={t("title")}
      invalid={t("invalid")}
      button={t("button")}
      token={token}
      action={newsUnsubscribeAction}
      view={
        !found.ok || !who
          ? { found: false }
          : found.done
            ? { found: true, alreadyLeft: t("already", who) }
            : { found: true, confirm: t("confirm", who), done: t("done", who) }
      }
      footer={
        found.ok && found.reason === "subscriber" ? (
          <p className="text-muted">{t("subscriber", { band: found.band })}</p>
        ) : undefined
      }
    />
  );
}
