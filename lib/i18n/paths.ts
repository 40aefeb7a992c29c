import { BACK_OFFICE_LOCALES, DEFAULT_LOCALE, isLocale, LOCALES, negotiateLocale, type Locale } from "./config";

/**
 * Each language has its own URL for the fan-facing pages (home, shop, release, cart, widgets'
 * links): English, the default, has no prefix (`/demo-band`), every other language one
 * (`/fr/demo-band`). proxy.ts rewrites a prefixed request to the unprefixed route and tells
 * lib/i18n/request.ts the language in the LOCALE_HEADER request header; band slugs can never be a
 * language code (RESERVED_SLUGS). Dashboard, account and checkout pages keep one URL and follow
 * the visitor's choice (cookie) or browser.
 */
export const LOCALE_HEADER = "x-merch-locale";

/**
 * Set by proxy.ts ("1") on a back-office request (isBackOfficePath), whose language is chosen
 * among BACK_OFFICE_LOCALES only; proxy.ts removes whatever a client sent under this name.
 */
export const BACK_OFFICE_HEADER = "x-merch-back-office";

/** The band's and the operator's pages, with no fan on them: they speak English or French only. */
const BACK_OFFICE_PREFIXES = [
  "/dashboard",
  "/onboarding",
  "/admin",
  "/signin",
  "/signup",
  "/forgot-password",
  "/reset-password",
  "/invite",
  "/dev",
];

export function isBackOfficePath(path: string): boolean {
  return BACK_OFFICE_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

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

/**
 * The language a visitor asked for among `supported`: their explicit choice (cookie), else their
 * browser's. A German choice on a back-office page (BACK_OFFICE_LOCALES) falls to the browser's
 * next language the back office speaks, else English.
 */
export function preferredLocale<L extends Locale = Locale>(
  cookie: string | null | undefined,
  acceptLanguage: string | null | undefined,
  supported: readonly L[] = LOCALES as unknown as readonly L[],
): L {
  return isLocale(cookie) && (supported as readonly string[]).includes(cookie)
    ? (cookie as L)
    : negotiateLocale(acceptLanguage, supported);
}

/** The languages a page at `path` (without its language prefix) is offered in. */
export function localesForPath(path: string): readonly Locale[] {
  return isBackOfficePath(path) ? BACK_OFFICE_LOCALES : LOCALES;
}
