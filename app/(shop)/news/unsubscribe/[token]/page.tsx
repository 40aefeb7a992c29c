import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { UnsubscribeForm } from "@/app/(shop)/library/unsubscribe/[token]/unsubscribe-form";
import { Notice } from "@/components/ui/notice";
import { db } from "@/db";
import { lookUpNewsUnsubscribe } from "@/lib/news";
import { newsUnsubscribeAction } from "./actions";

export const metadata: Metadata = { robots: { index: false } };

/** Opening the link changes nothing (mail scanners fetch every URL): the fan confirms with one button. */
export default async function NewsUnsubscribePage({ params }: PageProps<"/news/unsubscribe/[token]">) {
  const token = decodeURIComponent((await params).token);
  const [t, found] = await Promise.all([getTranslations("news.unsubscribe"), lookUpNewsUnsubscribe(db, token)]);
  return (
    <div className="mx-auto max-w-lg space-y-4 px-4 py-16 text-sm">
      <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
      {!found.ok ? (
        <Notice tone="error">{t("invalid")}</Notice>
      ) : found.done ? (
        <Notice>{t("already", { email: found.email, band: found.band })}</Notice>
      ) : (
        <UnsubscribeForm
          action={newsUnsubscribeAction}
          token={token}
          words={{
            confirm: t("confirm", { band: found.band, email: found.email }),
            button: t("button"),
            done: t("done", { band: found.band, email: found.email }),
            invalid: t("invalid"),
          }}
        />
      )}
      {found.ok && found.reason === "subscriber" && (
        <p className="text-muted">{t("subscriber", { band: found.band })}</p>
      )}
    </div>
  );
}
