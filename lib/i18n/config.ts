/**
 * Fan pages (shop, release, cart, checkout, downloads, library, widgets, fan e-mails) speak every
 * language here; the band's back office (dashboard, sign-in, operator console, band e-mails) only
 * BACK_OFFICE_LOCALES: a German-speaking member sees it in English, or French if they chose it.
 */
export const LOCALES = ["en", "fr", "de", "es"] as const;
export type Locale = (typeof LOCALES)[number];
export const BACK_OFFICE_LOCALES = ["en", "fr"] as const satisfies readonly Locale[];
export type BackOfficeLocale = (typeof BACK_OFFICE_LOCALES)[number];
export const DEFAULT_LOCALE = "en" satisfies BackOfficeLocale;
export const LOCALE_COOKIE = "NEXT_LOCALE";

/** Each language in its own name, as the language switcher offers it. */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", fr: "Français", de: "Deutsch", es: "Español" };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export function isBackOfficeLocale(value: unknown): value is BackOfficeLocale {
  return typeof value === "string" && (BACK_OFFICE_LOCALES as readonly string[]).includes(value);
}

/** A stored or chosen language as the back office speaks it: German and Spanish fall back to English. */
export function backOfficeLocale(value: unknown): BackOfficeLocale {
  return isBackOfficeLocale(value) ? value : DEFAULT_LOCALE;
}

/**
 * Picks the first language of `supported` from an Accept-Language header, honouring q-values;
 * a regional tag counts for its language ("de-AT" → de, "es-MX" → es).
 */
export function negotiateLocale<L extends Locale = Locale>(
  acceptLanguage: string | null | undefined,
  supported: readonly L[] = LOCALES as unknown as readonly L[],
): L {
  const fallback = DEFAULT_LOCALE as L;
  if (!acceptLanguage) return fallback;
  const ranked = acceptLanguage
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { lang: tag.trim().toLowerCase().split("-")[0], q: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  const found = ranked.find((entry) => (supported as readonly string[]).includes(entry.lang));
  return (found?.lang as L | undefined) ?? fallback;
}
