import de from "i18n-iso-countries/langs/de.json";
import en from "i18n-iso-countries/langs/en.json";
import es from "i18n-iso-countries/langs/es.json";
import fr from "i18n-iso-countries/langs/fr.json";

/**
 * Countries as ISO 3166-1 has them today, named in English, French, German and Spanish, from the
 * i18n-iso-countries package (its data ships inside the package: nothing is fetched). Every place
 * a country is chosen or shown goes through here, so a withdrawn code (DD, UK, YU…) is never
 * offered, and one already stored is shown under the country it stood for.
 */

type NameList = Record<string, string | string[]>;
type Lang = "en" | "fr" | "de" | "es";
const NAMES: Record<Lang, NameList> = { en: en.countries, fr: fr.countries, de: de.countries, es: es.countries };
/** "fr-CA" → fr; a language without names here → en. */
const langOf = (locale: string): Lang => {
  const lang = locale.toLowerCase().split("-")[0];
  return lang === "fr" || lang === "de" || lang === "es" ? lang : "en";
};

/** The package's first name is its official short name ("Germany", "Allemagne"); others are aliases. */
function official(list: NameList, code: string): string | undefined {
  const value = list[code];
  return Array.isArray(value) ? value[0] : value;
}

export const COUNTRY_CODES: readonly string[] = Object.keys(NAMES.en).sort();
const CURRENT = new Set(COUNTRY_CODES);

/**
 * Codes the old country list offered that ISO 3166-1 no longer assigns (or reserves for places
 * inside another country), mapped to the current country that list showed or that holds the place:
 * DD was shown as "Germany", UK as "United Kingdom", Ascension (AC) is part of SH.
 * db/migrations/0014_current_country_codes.sql rewrote stored rows with this same table.
 */
export const WITHDRAWN_COUNTRY_CODES: Readonly<Record<string, string>> = {
  AN: "CW",
  BU: "MM",
  CS: "RS",
  DD: "DE",
  DY: "BJ",
  FX: "FR",
  HV: "BF",
  NH: "VU",
  RH: "ZW",
  SU: "RU",
  TP: "TL",
  UK: "GB",
  VD: "VN",
  YD: "YE",
  YU: "RS",
  ZR: "CD",
  AC: "SH",
  TA: "SH",
  DG: "IO",
  EA: "ES",
  IC: "ES",
  CP: "FR",
  CQ: "GG",
};

export function isCountryCode(value: string): boolean {
  return CURRENT.has(value);
}

/** The current code for a stored one (withdrawn codes mapped, case folded), or null when it names no country. */
export function currentCountryCode(code: string | null | undefined): string | null {
  if (!code) return null;
  const upper = code.trim().toUpperCase();
  if (CURRENT.has(upper)) return upper;
  return WITHDRAWN_COUNTRY_CODES[upper] ?? null;
}

function namesFor(locale: string): NameList {
  return NAMES[langOf(locale)];
}

/** The country's name in the visitor's language; an unknown code shows as itself. */
export function countryName(code: string, locale: string): string {
  const current = currentCountryCode(code);
  return (current && official(namesFor(locale), current)) ?? code;
}

export type CountryOption = { code: string; name: string };

const optionsCache = new Map<string, CountryOption[]>();
/** Every current country, sorted by its name as the visitor reads it: what the country pickers offer. */
export function countryOptions(locale: string): CountryOption[] {
  const lang = langOf(locale);
  const cached = optionsCache.get(lang);
  if (cached) return cached;
  const collator = new Intl.Collator(lang);
  const options = COUNTRY_CODES.map((code) => ({ code, name: countryName(code, lang) })).sort((a, b) =>
    collator.compare(a.name, b.name),
  );
  optionsCache.set(lang, options);
  return options;
}
