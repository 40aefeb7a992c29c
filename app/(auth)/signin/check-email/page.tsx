import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { AuthShell } from "@/app/(auth)/auth-shell";
import { outboxEnabled } from "@/lib/email";

export default async function CheckEmailPage() {
  const t = await getTranslations("auth.checkEmail");
  return (
    <AuthShell title={t("title")}>
      <p className="text-sm">{t("body")}</p>
      {outboxEnabled() && (
        <p className="mt-4 text-sm">
          <Link href="/dev/mail" className="underline underline-offset-2">
            {t("devHint")}
          </Link>
        </p>
      )}
    </AuthShell>
  );
}
