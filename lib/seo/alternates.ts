import { DEFAULT_LOCALE, isLocale, localeAlternates, localePath, LOCALES, type Locale } from "@/lib/i18n";

/** The language of a render as next-intl's getLocale() gives it (a string), checked. */
export const renderLocale = (value: string): Locale => (isLocale(value) ? value : DEFAULT_LOCALE);

/**
 * A fan page's canonical URL and hreflang alternates for Next's metadata (relative paths, made
 * absolute against metadataBase): canonical is the page in the language of this render, never
 * with a query (a release's ?track= stays out), and x-default is the English page.
 */
export function languageAlternates(locale: Locale, path: string) {
  return {
    canonical: localePath(locale, path),
    languages: { ...localeAlternates(path), "x-default": localePath(DEFAULT_LOCALE, path) },
  };
}

const OG_LOCALES: Record<Locale, string> = { en: "en_US", fr: "fr_FR", de: "de_DE", es: "es_ES" };

/** Open Graph's locale of a render and its other languages. */
export function openGraphLocales(locale: Locale) {
  return { locale: OG_LOCALES[locale], alternateLocale: LOCALES.filter((l) => l !== locale).map((l) => OG_LOCALES[l]) };
}
