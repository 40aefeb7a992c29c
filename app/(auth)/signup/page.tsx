import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/app/(auth)/auth-forms";
import { AuthShell } from "@/app/(auth)/auth-shell";
import { currentUser } from "@/lib/auth";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth.signup"))("title") };
}

export default async function SignUpPage() {
  if (await currentUser()) redirect("/dashboard");
  const [t, tp] = await Promise.all([getTranslations("auth"), getTranslations("plans")]);
  return (
    <AuthShell title={t("signup.title")} intro={t("signup.intro")}>
      <SignUpForm />
      <p className="mt-6 border-t border-line pt-4 text-sm text-muted">
        {t("signup.haveAccount")}{" "}
        <Link href="/signin" className="font-medium text-ink underline underline-offset-2">
          {t("signin.submit")}
        </Link>
      </p>
      <p className="mt-2 text-sm text-muted">
        <Link href="/pricing" className="underline underline-offset-2" data-testid="signup-pricing">
          {tp("seePricing")}
        </Link>
      </p>
    </AuthShell>
  );
}
