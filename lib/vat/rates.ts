/**
 * Standard VAT rates for electronically supplied services (music downloads and streams are
 * taxed at the standard rate everywhere below), per EU member state and the United Kingdom,
 * dated: each change keeps the rate it replaced, so an order is always taxed at the rate of its
 * own day.
 *
 * Source: European Commission, "VAT rates applied in the Member States of the European Union"
 * (taxation-customs.ec.europa.eu, situation at 1 July 2025, checked against the national
 * announcements of 2024–2025 for EE, FI, RO and SK); United Kingdom: HMRC, "VAT rates"
 * (gov.uk/guidance/rates-of-vat-on-different-goods-and-services). Checked on 2026-12-01.
 * When a country changes its rate, add an entry with its first day; never edit a past one.
 */
export const VAT_TABLE_CHECKED = "2026-12-01";

type Period = { from: string; basisPoints: number };

/** Each country's rates, oldest first; `from` is the first day (in the country's own calendar, ISO date). */
export const VAT_RATES: Readonly<Record<string, readonly Period[]>> = {
  AT: [{ from: "2016-01-01", basisPoints: 2000 }],
  BE: [{ from: "1996-01-01", basisPoints: 2100 }],
  BG: [{ from: "2007-01-01", basisPoints: 2000 }],
  CY: [{ from: "2014-01-13", basisPoints: 1900 }],
  CZ: [{ from: "2013-01-01", basisPoints: 2100 }],
  DE: [
    { from: "2020-07-01", basisPoints: 1600 },
    { from: "2021-01-01", basisPoints: 1900 },
  ],
  DK: [{ from: "1992-01-01", basisPoints: 2500 }],
  EE: [
    { from: "2009-07-01", basisPoints: 2000 },
    { from: "2024-01-01", basisPoints: 2200 },
    { from: "2025-07-01", basisPoints: 2400 },
  ],
  ES: [{ from: "2012-09-01", basisPoints: 2100 }],
  FI: [
    { from: "2013-01-01", basisPoints: 2400 },
    { from: "2024-09-01", basisPoints: 2550 },
  ],
  FR: [{ from: "2014-01-01", basisPoints: 2000 }],
  GB: [{ from: "2011-01-04", basisPoints: 2000 }],
  GR: [{ from: "2016-06-01", basisPoints: 2400 }],
  HR: [{ from: "2013-01-01", basisPoints: 2500 }],
  HU: [{ from: "2012-01-01", basisPoints: 2700 }],
  IE: [
    { from: "2020-09-01", basisPoints: 2100 },
    { from: "2021-03-01", basisPoints: 2300 },
  ],
  IT: [{ from: "2013-10-01", basisPoints: 2200 }],
  LT: [{ from: "2009-09-01", basisPoints: 2100 }],
  LU: [
    { from: "2015-01-01", basisPoints: 1700 },
    { from: "2023-01-01", basisPoints: 1600 },
    { from: "2024-01-01", basisPoints: 1700 },
  ],
  LV: [{ from: "2012-07-01", basisPoints: 2100 }],
  MT: [{ from: "2004-01-01", basisPoints: 1800 }],
  NL: [{ from: "2012-10-01", basisPoints: 2100 }],
  PL: [{ from: "2011-01-01", basisPoints: 2300 }],
  PT: [{ from: "2011-01-01", basisPoints: 2300 }],
  RO: [
    { from: "2017-01-01", basisPoints: 1900 },
    { from: "2025-08-01", basisPoints: 2100 },
  ],
  SE: [{ from: "1990-07-01", basisPoints: 2500 }],
  SI: [{ from: "2013-07-01", basisPoints: 2200 }],
  SK: [
    { from: "2011-01-01", basisPoints: 2000 },
    { from: "2025-01-01", basisPoints: 2300 },
  ],
};

/** The 27 member states (ISO 3166 alpha-2; Greece is "GR" here, "EL" in VAT numbers). */
export const EU_COUNTRIES = Object.keys(VAT_RATES).filter((c) => c !== "GB");

/** Countries whose consumers pay VAT to the platform on digital sales: the EU and the UK. */
export function isVatCountry(country: string | null | undefined): country is string {
  return !!country && Object.hasOwn(VAT_RATES, country.toUpperCase());
}

/** The day `at` falls on in Central European time: close enough for every member state's midnight. */
function dayOf(at: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Brussels" }).format(at);
}

/**
 * The standard rate (basis points: 2000 = 20 %) for a consumer in `country` on the day of `at`;
 * 0 outside the EU and the UK.
 */
export function vatRateFor(country: string | null | undefined, at: Date = new Date()): number {
  if (!isVatCountry(country)) return 0;
  const day = dayOf(at);
  const periods = VAT_RATES[country.toUpperCase()];
  let rate = 0;
  for (const period of periods) if (period.from <= day) rate = period.basisPoints;
  return rate;
}
