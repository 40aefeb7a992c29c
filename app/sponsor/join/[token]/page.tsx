import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { db } from "@/db";
import { currentUser } from "@/lib/auth";
import { normalizeEmail } from "@/lib/auth/accounts";
import { previewSponsorInvite } from "@/lib/sponsors";
import { acceptSponsorInviteAction } from "./actions";

export const metadata: Metadata = { robots: { index: false, follow: false } };

/** The link the operator's invitation mails: sign in (or sign up by e-mail link) with the invited address, then join. */
export default async function SponsorJoinPage({ params }: PageProps<"/sponsor/join/[token]">) {
  const { token } = await params;
  const [t, preview, user] = await Promise.all([
    getTranslations("sponsor.join"),
    previewSponsorInvite(db, token),
    currentUser(),
  ]);
  return (
    <div className="mx-auto max-w-md px-4 py-16">
      {!preview.ok ? (
        <Notice tone="error">{t("invalid")}</Notice>
      ) : (
        <div className="space-y-6 rounded-lg border border-line bg-white p-6">
          <h1 className="text-xl font-semibold">{t("title", { sponsor: preview.sponsor.name })}</h1>
          <p className="text-sm">{t("body", { sponsor: preview.sponsor.name, email: preview.email })}</p>
          {!user ? (
            <div className="space-y-3">
              <p className="text-sm text-muted">{t("signIn", { email: preview.email })}</p>
              <Link
                href={`/signin?callbackUrl=${encodeURIComponent(`/sponsor/join/${token}`)}`}
                className="inline-block rounded-md bg-ink px-4 py-2 text-sm font-medium text-white"
              >
                {t("accept", { sponsor: preview.sponsor.name })}
              </Link>
            </div>
          ) : normalizeEmail(user.email) !== preview.email ? (
            <Notice tone="error">{t("wrongAccount", { email: preview.email })}</Notice>
          ) : (
            <form action={acceptSponsorInviteAction}>
              <input type="hidden" name="token" value={token} />
              <SubmitButton>{t("accept", { sponsor: preview.sponsor.name })}</SubmitButton>
            </form>
          )}
        </div>
      )}
    </div>
  );
}
