import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { Notice } from "@/components/ui/notice";
import { ConfirmForm as OneClickForm } from "@/components/unsubscribe/confirm-form";
import { db } from "@/db";
import { lookUpConfirmation } from "@/lib/follows";
import { confirmFollowAction } from "./actions";

export const metadata: Metadata = { robots: { index: false } };

/**
 * The double opt-in link of an e-mail-only follow. Opening it changes nothing (mail scanners fetch
 * every URL in a message): the fan confirms with one button. A second visit says it is done; an
 * expired or unknown link says so and changes nothing.
 */
export default async function ConfirmFollowPage({ params }: PageProps<"/follows/confirm/[token]">) {
  const token = decodeURIComponent((await params).token);
  const [t, found] = await Promise.all([getTranslations("follows.confirm"), lookUpConfirmation(db, token)]);
  return (
    <div className="mx-auto max-w-lg space-y-4 px-4 py-16 text-sm" data-testid="follow-confirm">
      <h1 className="text-2xl font-semibold tracking-tight">
        {found.ok ? t("title", { band: found.band.name }) : t("linkTitle")}
      </h1>
      {!found.ok ? (
        <Notice tone="error">{t(found.reason === "expired" ? "expired" : "invalid")}</Notice>
      ) : found.already ? (
        <Notice>{t("already", { email: found.email, band: found.band.name })}</Notice>
      ) : (
        <OneClickForm
          action={confirmFollowAction}
          token={token}
          words={{
            confirm: t("ask", { band: found.band.name, email: found.email }),
            button: t("button"),
            done: t("done", { band: found.band.name, email: found.email }),
            invalid: t("invalid"),
          }}
        />
      )}
      {found.ok && (
        <p>
          <Link href={`/${found.band.slug}`} className="underline underline-offset-2 hover:text-ink">
            {t("visit", { band: found.band.name })}
          </Link>
        </p>
      )}
    </div>
  );
}
