import { getTranslations } from "next-intl/server";
import { ResetPasswordForm } from "@/app/(auth)/auth-forms";
import { AuthShell } from "@/app/(auth)/auth-shell";
import { Notice } from "@/components/ui/notice";

export default async function ResetPasswordPage({ searchParams }: PageProps<"/reset-password">) {
  const { token } = await searchParams;
  const t = await getTranslations("auth.reset");
  return (
    <AuthShell title={t("title")}>
      {typeof token === "string" && token ? (
        <ResetPasswordForm token={token} />
      ) : (
        <Notice tone="error">{t("missing")}</Notice>
      )}
    </AuthShell>
  );
}
