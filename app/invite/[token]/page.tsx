import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { db } from "@/db";
import { previewInvite } from "@/lib/artists";
import { currentUser } from "@/lib/auth";
import { normalizeEmail } from "@/lib/auth/accounts";
import { acceptInviteAction } from "./actions";

export default async function InvitePage({ params }: PageProps<"/invite/[token]">) {
  const { token } = await params;
  const [t, tRoles, preview, user] = await Promise.all([
    getTranslations("invite"),
    getTranslations("dashboard.roles"),
    previewInvite(db, token),
    currentUser(),
  ]);
  return (
    <div className="mx-auto max-w-md px-4 py-16">
      {!preview.ok ? (
        <Notice tone="error">{t("invalid")}</Notice>
      ) : (
        <div className="space-y-6 rounded-lg border border-line bg-white p-6">
          <h1 className="text-xl font-semibold">{t("title", { band: preview.artistName })}</h1>
          <p className="text-sm">{t("body", { role: tRoles(preview.role), email: preview.email })}</p>
          {!user ? (
            <div className="space-y-3">
              <p className="text-sm text-muted">{t("signInFirst", { email: preview.email })}</p>
              <Link
                href={`/signin?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`}
                className="inline-block rounded-md bg-ink px-4 py-2 text-sm font-medium text-white"
              >
                {t("accept")}
              </Link>
            </div>
          ) : normalizeEmail(user.email) !== preview.email ? (
            <Notice tone="error">{t("wrongAccount", { email: preview.email })}</Notice>
          ) : (
            <form action={acceptInviteAction}>
              <input type="hidden" name="token" value={token} />
              <SubmitButton>{t("accept")}</SubmitButton>
            </form>
          )}
        </div>
      )}
    </div>
  );
}
