import { COUNTRY_CODES } from "./codes";

/**
 * The one shipping rule of a cart (shown to bands in the dashboard and to fans in the cart):
 * the first physical unit costs the first-item price of the buyer's zone, every further unit
 * costs that zone's each-extra price. The buyer's country uses the most specific zone: a custom
 * list naming it, then home (the band's country), then Europe, then rest of world. No zone → the
 * cart cannot ship there, and says so before payment.
 */

/** EU and EEA members, the UK, Switzerland and the European micro-states. */
export const EUROPE = new Set([
  "AD",
  "AL",
  "AT",
  "BA",
  "BE",
  "BG",
  "BY",
  "CH",
  "CY",
  "CZ",
  "DE",
  "DK",
  "EE",
  "ES",
  "FI",
  "FO",
  "FR",
  "GB",
  "GI",
  "GR",
  "HR",
  "HU",
  "IE",
  "IS",
  "IT",
  "LI",
  "LT",
  "LU",
  "LV",
  "MC",
  "MD",
  "ME",
  "MK",
  "MT",
  "NL",
  "NO",
  "PL",
  "PT",
  "RO",
  "RS",
  "SE",
  "SI",
  "SK",
  "SM",
  "UA",
  "VA",
  "XK",
]);

export type ZoneRate = {
  zone: "home" | "europe" | "world" | "custom";
  countries: string[];
  firstItem: number;
  eachExtra: number;
};

export type ShippingQuote<R extends ZoneRate = ZoneRate> =
  { ok: true; amount: number; rate: R | null } | { ok: false; reason: "no_country" | "no_zone" };

const specificity: Record<ZoneRate["zone"], number> = { custom: 0, home: 1, europe: 2, world: 3 };

export function zoneFor<R extends ZoneRate>(rates: R[], country: string, homeCountry: string | null): R | null {
  const matches = rates.filter((rate) => {
    switch (rate.zone) {
      case "custom":
        return rate.countries.includes(country);
      case "home":
        return homeCountry !== null && country === homeCountry;
      case "europe":
        return EUROPE.has(country);
      case "world":
        return true;
    }
  });
  matches.sort((a, b) => specificity[a.zone] - specificity[b.zone]);
  return matches[0] ?? null;
}

export function quoteShipping<R extends ZoneRate>(
  rates: R[],
  input: { country: string | null; homeCountry: string | null; physicalUnits: number },
): ShippingQuote<R> {
  if (input.physicalUnits <= 0) return { ok: true, amount: 0, rate: null };
  if (!input.country) return { ok: false, reason: "no_country" };
  const rate = zoneFor(rates, input.country, input.homeCountry);
  if (!rate) return { ok: false, reason: "no_zone" };
  return { ok: true, amount: rate.firstItem + rate.eachExtra * (input.physicalUnits - 1), rate };
}

/** Current ISO 3166-1 alpha-2 codes: what the country pickers offer (lib/countries). */
export function countryCodes(): string[] {
  return [...COUNTRY_CODES];
}
