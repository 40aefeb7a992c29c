import { z } from "zod";
import { shippingZoneEnum } from "@/db/schema";
import { CURRENCIES } from "@/lib/artists";
import { moneyField, requiredMoneyField } from "@/lib/catalog";
import { isCountryCode } from "@/lib/countries";
import { fieldErrorsOf, type FieldErrors } from "./input";

/** The shipping page: where the band ships from and its rates by zone. Messages are codes (selling.errors.*). */
export const SHIPPING_ZONES = shippingZoneEnum.enumValues;
export const MAX_RATES = 20;

const country = z
  .string()
  .trim()
  .toUpperCase()
  .refine((code) => isCountryCode(code), "country_invalid");

/** One typed amount in the row's own currency (JPY has no decimals): minor units or an error code. */
function amountIn(
  currency: string,
  text: string,
  required: boolean,
): { ok: true; amount: number } | { ok: false; code: string } {
  const parsed = (required ? requiredMoneyField(currency) : moneyField(currency)).safeParse(text);
  return parsed.success
    ? { ok: true, amount: parsed.data ?? 0 }
    : { ok: false, code: parsed.error.issues[0]?.message ?? "money_format" };
}

/**
 * A cart is charged with the rates in its own currency (lib/orders/cart-pricing), so each row
 * names its currency: a band selling a CD in EUR and a shirt in USD sets rates in both. Amounts
 * stay text until the whole form is checked, so every row's problems are reported at once.
 */
const rateSchema = z.object({
  zone: z.enum(SHIPPING_ZONES, { message: "zone_invalid" }),
  label: z.string().trim().max(60, "too_long").default(""),
  countries: z.array(country).max(250).default([]),
  currency: z.enum(CURRENCIES, { message: "currency_invalid" }),
  firstItem: z.string().default(""),
  eachExtra: z.string().default(""),
});

/** Only called once superRefine has accepted every amount. */
function amount(currency: string, text: string, required: boolean) {
  const parsed = amountIn(currency, text, required);
  return parsed.ok ? parsed.amount : 0;
}

export const shippingSchema = z
  .object({
    country: z
      .string()
      .trim()
      .toUpperCase()
      .default("")
      .refine((code) => code === "" || isCountryCode(code), "country_invalid")
      .transform((code) => code || null),
    rates: z.array(rateSchema).max(MAX_RATES, "rates_too_many").default([]),
  })
  .superRefine(({ country: home, rates }, ctx) => {
    // Zones are unique per currency: the rule picks one rate per zone for a cart.
    const zonesSeen = new Set<string>();
    const customCountries = new Set<string>();
    rates.forEach((rate, index) => {
      const at = (field: string, message: string) =>
        ctx.addIssue({ code: "custom", message, path: ["rates", index, field] });
      const first = amountIn(rate.currency, rate.firstItem, true);
      const extra = amountIn(rate.currency, rate.eachExtra, false);
      if (!first.ok) at("firstItem", first.code);
      if (!extra.ok) at("eachExtra", extra.code);
      if (rate.zone !== "custom") {
        if (zonesSeen.has(`${rate.currency}:${rate.zone}`)) at("zone", "zone_duplicate");
        zonesSeen.add(`${rate.currency}:${rate.zone}`);
        if (rate.zone === "home" && !home) at("zone", "home_needs_country");
        return;
      }
      if (rate.countries.length === 0) at("countries", "countries_required");
      if (rate.countries.some((c) => customCountries.has(`${rate.currency}:${c}`)))
        at("countries", "country_in_two_zones");
      for (const c of rate.countries) customCountries.add(`${rate.currency}:${c}`);
    });
  })
  .transform(({ country: home, rates }) => ({
    country: home,
    // Only custom zones keep a country list (and a name); the others are defined by the rule itself.
    rates: rates.map((rate) => {
      const amounts = {
        firstItem: amount(rate.currency, rate.firstItem, true),
        eachExtra: amount(rate.currency, rate.eachExtra, false),
      };
      return rate.zone === "custom"
        ? { ...rate, ...amounts, countries: [...new Set(rate.countries)] }
        : { ...rate, ...amounts, label: "", countries: [] };
    }),
  }));
export type ShippingInput = z.infer<typeof shippingSchema>;

export function parseShippingInput(
  raw: Record<string, unknown>,
): { ok: true; data: ShippingInput } | { ok: false; fieldErrors: FieldErrors } {
  const parsed = shippingSchema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data };
  // A bad code inside a country list is reported on the list ("rates.2.countries").
  const fieldErrors: FieldErrors = {};
  for (const [key, code] of Object.entries(fieldErrorsOf(parsed.error)))
    fieldErrors[key.replace(/(\.countries)\.\d+$/, "$1")] ??= code;
  return { ok: false, fieldErrors };
}
