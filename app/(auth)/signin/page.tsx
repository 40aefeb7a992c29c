import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { redirect } from "next/navigation";
import { MagicLinkForm, PasswordSignInForm } from "@/app/(auth)/auth-forms";
import { AuthShell } from "@/app/(auth)/auth-shell";
import { Notice } from "@/components/ui/notice";
import { currentUser } from "@/lib/auth";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth.signin"))("title") };
}

export default async function SignInPage({ searchParams }: PageProps<"/signin">) {
  const params = await searchParams;
  const callback =
    typeof params.callbackUrl === "string" && params.callbackUrl.startsWith("/") && !params.callbackUrl.startsWith("//")
      ? params.callbackUrl
      : "/dashboard";
  if (await currentUser()) redirect(callback);
  const t = await getTranslations("auth");
  const linkError = params.error === "Verification" || params.error === "Configuration";
  return (
    <AuthShell title={t("signin.title")}>
      <div className="space-y-6">
        {linkError && <Notice tone="error">{t("signin.linkError")}</Notice>}
        {params.signedOut === "everywhere" && <Notice tone="success">{t("signin.signedOutEverywhere")}</Notice>}
        <PasswordSignInForm callbackUrl={callback} />
        <div className="flex items-center gap-3 text-xs uppercase tracking-wide text-muted">
          <span className="h-px flex-1 bg-line" />
          {t("or")}
          <span className="h-px flex-1 bg-line" />
        </div>
        <MagicLinkForm callbackUrl={callback} />
        <p className="border-t border-line pt-4 text-sm text-muted">
          {t("signin.noAccount")}{" "}
          <Link href="/signup" className="font-medium text-ink underline underline-offset-2">
            {t("signin.createAccount")}
          </Link>
        </p>
      </div>
    </AuthShell>
  );
}
