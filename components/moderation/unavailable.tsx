import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { localeHref } from "@/lib/i18n/locale-href";

/**
 * What fans see for a suspended shop, a taken-down release, or nothing at all: the same neutral
 * words (no band name, no reason), so the page tells nobody which of them it was.
 */
export async function UnavailablePage() {
  const t = await getTranslations("moderation.unavailable");
  return (
    <div className="mx-auto max-w-xl px-4 py-24 text-center" data-testid="unavailable">
      <h1 className="text-3xl font-semibold tracking-tight">{t("title")}</h1>
      <p className="mt-4 text-muted">{t("body")}</p>
      <Link
        href={await localeHref("/")}
        className="mt-8 inline-block rounded-md bg-ink px-4 py-2 text-sm font-medium text-white"
      >
        {t("home")}
      </Link>
    </div>
  );
}
