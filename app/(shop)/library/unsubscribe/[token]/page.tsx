import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Notice } from "@/components/ui/notice";
import { db } from "@/db";
import { lookUpUnsubscribe } from "@/lib/fans";
import { unsubscribeAction } from "./actions";
import { UnsubscribeForm } from "./unsubscribe-form";

export const metadata: Metadata = { robots: { index: false } };

/**
 * Opening the link changes nothing: mail scanners and link previews fetch every URL in a message,
 * so the fan confirms with one button (a POST).
 */
export default async function UnsubscribePage({ params }: PageProps<"/library/unsubscribe/[token]">) {
  const token = decodeURIComponent((await params).token);
  const [t, found] = await Promise.all([getTranslations("bandops.unsubscribe"), lookUpUnsubscribe(db, token)]);
  return (
    <div className="mx-auto max-w-lg space-y-4 px-4 py-16 text-sm">
      <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
      {!found.ok ? (
        <Notice tone="error">{t("invalid")}</Notice>
      ) : found.unsubscribed ? (
        <Notice>{t("already", { email: found.email, band: found.band })}</Notice>
      ) : (
        <UnsubscribeForm
          action={unsubscribeAction}
          token={token}
          words={{
            confirm: t("confirm", { band: found.band, email: found.email }),
            button: t("button"),
            done: t("done", { band: found.band, email: found.email }),
            invalid: t("invalid"),
          }}
        />
      )}
      <p className="text-muted">{t("receipts")}</p>
    </div>
  );
}
