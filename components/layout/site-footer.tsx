import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { outboxEnabled } from "@/lib/email";

export async function SiteFooter() {
  const t = await getTranslations("footer");
  return (
    <footer className="border-t border-line bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-6 text-sm text-muted sm:px-6">
        <p>{t("tagline")}</p>
        {outboxEnabled() && (
          <Link href="/dev/mail" className="underline underline-offset-2">
            {t("devMail")}
          </Link>
        )}
      </div>
    </footer>
  );
}
