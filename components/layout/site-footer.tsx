import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { outboxEnabled } from "@/lib/email";
import { localePath } from "@/lib/i18n";
import { pageLocale } from "@/lib/i18n/locale-href";

export async function SiteFooter() {
  const [t, tp, locale] = await Promise.all([getTranslations("footer"), getTranslations("plans"), pageLocale()]);
  return (
    <footer className="border-t border-line bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-6 text-sm text-muted sm:px-6">
        <p>{t("tagline")}</p>
        <Link
          href={localePath(locale, "/pricing")}
          className="underline underline-offset-2"
          data-testid="footer-pricing"
        >
          {tp("nav")}
        </Link>
        {outboxEnabled() && (
          <Link href="/dev/mail" className="underline underline-offset-2">
            {t("devMail")}
          </Link>
        )}
      </div>
    </footer>
  );
}
