import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { UnsubscribePage as Page } from "@/components/unsubscribe/unsubscribe-page";
import { db } from "@/db";
import { lookUpUnsubscribe } from "@/lib/fans";
import { unsubscribeAction } from "./actions";

export const metadata: Metadata = { robots: { index: false } };

/** A buyer's "news from the band" link (ticked at checkout): one confirm click ends it. */
export default async function UnsubscribePage({ params }: PageProps<"/library/unsubscribe/[token]">) {
  const token = decodeURIComponent((await params).token);
  const [t, found] = await Promise.all([getTranslations("bandops.unsubscribe"), lookUpUnsubscribe(db, token)]);
  const who = found.ok ? { band: found.band, email: found.email } : null;
  return (
    <Page
      title={t("title")}
      invalid={t("invalid")}
      button={t("button")}
      token={token}
      action={unsubscribeAction}
      view={
        !found.ok || !who
          ? { found: false }
          : found.unsubscribed
            ? { found: true, alreadyLeft: t("already", who) }
            : { found: true, confirm: t("confirm", who), done: t("done", who) }
      }
      footer={<p className="text-muted">{t("receipts")}</p>}
    />
  );
}
