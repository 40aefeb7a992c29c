/**
 * The currency a visitor most likely thinks in: from their country, else from the region of their
 * browser's language (ja-JP → JPY). Only the currencies the ECB publishes a rate for, plus the
 * euro area; anywhere else the fan simply sees the band's price.
 */

const EURO_AREA = [
  "AT",
  "BE",
  "BG",
  "CY",
  "DE",
  "EE",
  "ES",
  "FI",
  "FR",
  "GR",
  "HR",
  "IE",
  "IT",
  "LT",
  "LU",
  "LV",
  "MT",
  "NL",
  "PT",
  "SI",
  "SK",
  "AD",
  "MC",
  "SM",
  "VA",
  "ME",
  "XK",
];

const OTHERS: Record<string, string> = {
  US: "USD",
  PR: "USD",
  JP: "JPY",
  GB: "GBP",
  IM: "GBP",
  JE: "GBP",
  GG: "GBP",
  CH: "CHF",
  LI: "CHF",
  SE: "SEK",
  NO: "NOK",
  DK: "DKK",
  FO: "DKK",
  GL: "DKK",
  IS: "ISK",
  PL: "PLN",
  CZ: "CZK",
  HU: "HUF",
  RO: "RON",
  TR: "TRY",
  CA: "CAD",
  AU: "AUD",
  NZ: "NZD",
  BR: "BRL",
  MX: "MXN",
  CN: "CNY",
  HK: "HKD",
  SG: "SGD",
  KR: "KRW",
  IN: "INR",
  ID: "IDR",
  IL: "ILS",
  MY: "MYR",
  PH: "PHP",
  TH: "THB",
  ZA: "ZAR",
};

const BY_COUNTRY: Readonly<Record<string, string>> = {
  ...Object.fromEntries(EURO_AREA.map((country) => [country, "EUR"])),
  ...OTHERS,
};

export function currencyOfCountry(country: string | null | undefined): string | null {
  const code = country?.trim().toUpperCase() ?? "";
  return Object.hasOwn(BY_COUNTRY, code) ? BY_COUNTRY[code] : null;
}

/**
 * The region of the first language in an Accept-Language header (by q) that names one:
 * "ja-JP,ja;q=0.9" → "JP". A bare language ("en") names no country, so it gives nothing.
 */
export function regionOfAcceptLanguage(header: string | null | undefined): string | null {
  if (!header) return null;
  const tags = header
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.tag && entry.tag !== "*" && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of tags) {
    try {
      const region = new Intl.Locale(tag).region;
      if (region && /^[A-Z]{2}$/.test(region)) return region;
    } catch {
      // A malformed tag names no region; the next one may.
    }
  }
  return null;
}

/** The visitor's currency: their country's, else their browser region's; null when neither is known. */
export function visitorCurrency(country: string | null | undefined, acceptLanguage: string | null | undefined) {
  return currencyOfCountry(country) ?? currencyOfCountry(regionOfAcceptLanguage(acceptLanguage));
}
