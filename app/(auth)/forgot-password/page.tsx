import { getTranslations } from "next-intl/server";
import { AuthShell } from "../auth-shell";
import { ForgotPasswordForm } from "../auth-forms";

export default async function ForgotPasswordPage() {
  const t = await getTranslations("auth.forgot");
  return (
    <AuthShell title={t("title")} intro={t("intro")}>
      <ForgotPasswordForm />
    </AuthShell>
  );
}
