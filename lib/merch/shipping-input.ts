import { z } from "zod";
import { shippingZoneEnum } from "../../db/schema";
import { moneyField, requiredMoneyField } from "../catalog/price-input";
import { isCountryCode } from "../orders/shipping";
import { fieldErrorsOf, type FieldErrors } from "./input";

/** The shipping page: where the band ships from and its rates by zone. Messages are codes (selling.errors.*). */
export const SHIPPING_ZONES = shippingZoneEnum.enumValues;
export const MAX_RATES = 20;

const country = z
  .string()
  .trim()
  .toUpperCase()
  .refine((code) => isCountryCode(code), "country_invalid");

function rateSchema(currency: string) {
  return z.object({
    zone: z.enum(SHIPPING_ZONES, { message: "zone_invalid" }),
    label: z.string().trim().max(60, "too_long").default(""),
    countries: z.array(country).max(250).default([]),
    firstItem: requiredMoneyField(currency),
    eachExtra: moneyField(currency).transform((v) => v ?? 0),
  });
}

/** Amounts are in the band's currency (`currency`). */
export function shippingSchema(currency: string) {
  return z
    .object({
      country: z
        .string()
        .trim()
        .toUpperCase()
        .default("")
        .refine((code) => code === "" || isCountryCode(code), "country_invalid")
        .transform((code) => code || null),
      rates: z.array(rateSchema(currency)).max(MAX_RATES, "rates_too_many").default([]),
    })
    .superRefine(({ country: home, rates }, ctx) => {
      const zonesSeen = new Set<string>();
      const customCountries = new Set<string>();
      rates.forEach((rate, index) => {
        const at = (field: string, message: string) => ctx.addIssue({ code: "custom", message, path: ["rates", index, field] });
        if (rate.zone !== "custom") {
          if (zonesSeen.has(rate.zone)) at("zone", "zone_duplicate");
          zonesSeen.add(rate.zone);
          if (rate.zone === "home" && !home) at("zone", "home_needs_country");
          return;
        }
        if (rate.countries.length === 0) at("countries", "countries_required");
        if (rate.countries.some((c) => customCountries.has(c))) at("countries", "country_in_two_zones");
        for (const c of rate.countries) customCountries.add(c);
      });
    })
    .transform(({ country: home, rates }) => ({
      country: home,
      // Only custom zones keep a country list; the others are defined by the rule itself.
      rates: rates.map((rate) => ({ ...rate, countries: rate.zone === "custom" ? [...new Set(rate.countries)] : [] })),
    }));
}
export type ShippingInput = z.infer<ReturnType<typeof shippingSchema>>;

export function parseShippingInput(raw: Record<string, unknown>, currency: string): { ok: true; data: ShippingInput } | { ok: false; fieldErrors: FieldErrors } {
  const parsed = shippingSchema(currency).safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data };
  // A bad code inside a country list is reported on the list ("rates.2.countries").
  const fieldErrors: FieldErrors = {};
  for (const [key, code] of Object.entries(fieldErrorsOf(parsed.error))) fieldErrors[key.replace(/(\.countries)\.\d+$/, "$1")] ??= code;
  return { ok: false, fieldErrors };
}
