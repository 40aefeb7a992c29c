import { getTranslations } from "next-intl/server";
import { ForgotPasswordForm } from "@/app/(auth)/auth-forms";
import { AuthShell } from "@/app/(auth)/auth-shell";

export default async function ForgotPasswordPage() {
  const t = await getTranslations("auth.forgot");
  return (
    <AuthShell title={t("title")} intro={t("intro")}>
      <ForgotPasswordForm />
    </AuthShell>
  );
}
