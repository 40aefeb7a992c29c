import { DEFAULT_LOCALE, isLocale, LOCALES, negotiateLocale, type Locale } from "./config";

/**
 * Each language has its own URL for the fan-facing pages (home, shop, release, cart, widgets'
 * links): English, the default, has no prefix (`/demo-band`), every other language one
 * (`/fr/demo-band`). proxy.ts rewrites a prefixed request to the unprefixed route and tells
 * lib/i18n/request.ts the language in the LOCALE_HEADER request header; band slugs can never be a
 * language code (RESERVED_SLUGS). Dashboard, account and checkout pages keep one URL and follow
 * the visitor's choice (cookie) or browser.
 */
export const LOCALE_HEADER = "x-merch-locale";

/** The path of `path` (starting with "/") in `locale`: `localePath("fr", "/a/b")` is "/fr/a/b". */
export function localePath(locale: Locale, path: string): string {
  if (locale === DEFAULT_LOCALE) return path;
  if (path === "/" || path === "") return `/${locale}`;
  return `/${locale}${path.startsWith("/") ? path : `/${path}`}`;
}

/**
 * Splits a request path into its language prefix and the route it names:
 * "/fr/a/b" → { locale: "fr", path: "/a/b" }, "/fr" → { locale: "fr", path: "/" },
 * "/a/b" → { locale: null, path: "/a/b" }. The default language's code is never a prefix
 * ("/en/a" is { locale: null, path: "/en/a" }, a 404).
 */
export function splitLocalePath(pathname: string): { locale: Locale | null; path: string } {
  const match = /^\/([a-z]{2})(\/.*)?$/.exec(pathname);
  if (match && isLocale(match[1]) && match[1] !== DEFAULT_LOCALE) {
    return { locale: match[1], path: match[2] && match[2] !== "/" ? match[2] : "/" };
  }
  return { locale: null, path: pathname };
}

/** Languages with a prefix, for hreflang alternates and the sitemap. */
export const PREFIXED_LOCALES = LOCALES.filter((locale) => locale !== DEFAULT_LOCALE);

/** `{ en: "/a", fr: "/fr/a" }`: every language's URL of one page. */
export function localeAlternates(path: string): Record<Locale, string> {
  return Object.fromEntries(LOCALES.map((locale) => [locale, localePath(locale, path)])) as Record<Locale, string>;
}

/** The language a visitor asked for: their explicit choice (cookie), else their browser's. */
export function preferredLocale(cookie: string | null | undefined, acceptLanguage: string | null | undefined): Locale {
  return isLocale(cookie) ? cookie : negotiateLocale(acceptLanguage);
}
