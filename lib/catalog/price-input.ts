import { z } from "zod";
import type { PricingMode } from "@/db/schema";
import { currencyDigits, moneyInputValue, parseMoneyInput } from "@/lib/money";
import { fieldErrorsOf, type FieldErrors } from "./input";

/**
 * Price fields of a release, and of a track sold on its own. Amounts arrive as typed ("7",
 * "7.50", "7,50") and leave as integer minor units of the release's currency. Messages are codes
 * (selling.errors.*).
 */
export type Pricing = { pricingMode: PricingMode; priceAmount: number; priceMinimum: number };
export type TrackPricing = { pricingMode: PricingMode | null; priceAmount: number | null; priceMinimum: number };

/**
 * The lowest fixed price a release or track may have: 0.10 (1 in currencies without cents). Below
 * the card minimum a fan pays it from a Merchtable balance; below this floor a sale is noise.
 */
export const priceFloor = (currency: string) => Math.max(1, Math.round(10 ** currencyDigits(currency) / 10));

/** A fixed price: above 0 (else "free" is meant) and at least the floor. */
export function fixedPriceField(currency: string) {
  return requiredMoneyField(currency)
    .refine((amount) => amount > 0, "price_zero")
    .refine((amount) => amount <= 0 || amount >= priceFloor(currency), "price_too_low");
}

/** A typed amount in `currency`: blank → null, otherwise minor units or a money_* error code. */
export function moneyField(currency: string) {
  return z
    .string()
    .trim()
    .default("")
    .transform((text, ctx): number | null => {
      if (text === "") return null;
      const parsed = parseMoneyInput(text, currency);
      if (parsed.ok) return parsed.amount;
      ctx.addIssue({ code: "custom", message: parsed.error });
      return z.NEVER;
    });
}

/** Like moneyField, but blank is an error (`required` names the code). */
export function requiredMoneyField(currency: string, required = "price_required") {
  return moneyField(currency).pipe(z.number({ message: required }));
}

export function pricingSchema(currency: string) {
  const money = moneyField(currency);
  return z
    .discriminatedUnion(
      "pricingMode",
      [
        z.object({
          pricingMode: z.literal("fixed"),
          priceAmount: fixedPriceField(currency),
        }),
        z
          .object({ pricingMode: z.literal("pay_what_you_want"), priceAmount: money, priceMinimum: money })
          .refine((v) => v.priceAmount === null || v.priceAmount >= (v.priceMinimum ?? 0), {
            message: "suggested_below_minimum",
            path: ["priceAmount"],
          }),
        z.object({ pricingMode: z.literal("free") }),
      ],
      { error: "pricing_mode_invalid" },
    )
    .transform((v): Pricing => {
      switch (v.pricingMode) {
        case "fixed":
          return { pricingMode: "fixed", priceAmount: v.priceAmount, priceMinimum: 0 };
        case "pay_what_you_want": {
          // A blank suggestion suggests the minimum itself.
          const minimum = v.priceMinimum ?? 0;
          return { pricingMode: "pay_what_you_want", priceAmount: v.priceAmount ?? minimum, priceMinimum: minimum };
        }
        case "free":
          return { pricingMode: "free", priceAmount: 0, priceMinimum: 0 };
      }
    });
}

export type PricingResult<T> = { ok: true; pricing: T } | { ok: false; fieldErrors: FieldErrors };

export function parsePricing(raw: Record<string, unknown>, currency: string): PricingResult<Pricing> {
  const parsed = pricingSchema(currency).safeParse(raw);
  return parsed.success ? { ok: true, pricing: parsed.data } : { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
}

/** A track is sold on its own only when the band ticks `soldAlone`; otherwise only with its release. */
export function parseTrackPricing(raw: Record<string, unknown>, currency: string): PricingResult<TrackPricing> {
  if (raw.soldAlone !== "on" && raw.soldAlone !== true)
    return { ok: true, pricing: { pricingMode: null, priceAmount: null, priceMinimum: 0 } };
  return parsePricing(raw, currency);
}

/** What the price fields show for a stored price: a never-set fixed price (0) shows as blank. */
export function pricingFormValues(
  row: { pricingMode: PricingMode | null; priceAmount: number | null; priceMinimum: number },
  currency: string,
) {
  const mode = row.pricingMode ?? "fixed";
  const amount = row.priceAmount ?? 0;
  return {
    soldAlone: row.pricingMode !== null,
    pricingMode: mode,
    priceAmount: amount > 0 || mode === "pay_what_you_want" ? moneyInputValue(amount, currency) : "",
    priceMinimum: mode === "pay_what_you_want" ? moneyInputValue(row.priceMinimum, currency) : "",
  };
}
