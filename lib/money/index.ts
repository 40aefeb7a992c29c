import type { PricingMode } from "@/db/schema";

/**
 * Pure money rules: no database, no clock. Amounts are integer minor units of their currency
 * (cents; yen have none), so every computation here stays in integers.
 */

/** Digits after the decimal point for a currency (2 for EUR, 0 for JPY), as Intl knows them. */
export function currencyDigits(currency: string): number {
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

export function formatMoney(amount: number, currency: string, locale: string): string {
  const digits = currencyDigits(currency);
  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(amount / 10 ** digits);
}

/** Largest single price a band can set: 10 000 in the currency's major unit. */
export const MAX_PRICE_MAJOR = 10_000;

export type MoneyInput =
  { ok: true; amount: number } | { ok: false; error: "money_format" | "money_negative" | "money_too_large" };

/**
 * Reads what a person types: "7", "7.5", "7,50", "1 234,50", "€7". Rounds nothing: more decimals
 * than the currency has is a format error, so "7.555" never silently becomes 7.56.
 */
export function parseMoneyInput(text: string, currency: string): MoneyInput {
  const digits = currencyDigits(currency);
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, "").replace(/^[^\d-]+|[^\d]+$/g, "");
  if (cleaned.startsWith("-")) return { ok: false, error: "money_negative" };
  const match = /^(\d{1,9})(?:[.,](\d*))?$/.exec(cleaned);
  if (!match) return { ok: false, error: "money_format" };
  const fraction = match[2] ?? "";
  if (fraction.length > digits) return { ok: false, error: "money_format" };
  const major = Number(match[1]);
  if (major > MAX_PRICE_MAJOR) return { ok: false, error: "money_too_large" };
  const amount = major * 10 ** digits + Number(fraction.padEnd(digits, "0") || 0);
  if (amount > MAX_PRICE_MAJOR * 10 ** digits) return { ok: false, error: "money_too_large" };
  return { ok: true, amount };
}

/** The inverse of parseMoneyInput for form fields: 750 EUR → "7.50", 1200 JPY → "1200". */
export function moneyInputValue(amount: number, currency: string): string {
  const digits = currencyDigits(currency);
  return digits === 0 ? String(amount) : (amount / 10 ** digits).toFixed(digits);
}

export type PriceRule =
  | { mode: "fixed"; amount: number }
  | { mode: "pay_what_you_want"; minimum: number; suggested: number }
  | { mode: "free" };

/**
 * Whether the band has set a price. A fixed price never set is null (a fixed 0 is refused by the
 * form, so it is read the same way): such an item is not for sale, rather than sold for nothing.
 * Free is its own explicit mode.
 */
export function hasPrice(row: { pricingMode: PricingMode; priceAmount: number | null }): boolean {
  return row.pricingMode !== "fixed" || (row.priceAmount ?? 0) > 0;
}

export function priceRule(row: {
  pricingMode: PricingMode;
  priceAmount: number | null;
  priceMinimum: number;
}): PriceRule {
  switch (row.pricingMode) {
    case "fixed":
      return { mode: "fixed", amount: row.priceAmount ?? 0 };
    case "pay_what_you_want":
      return {
        mode: "pay_what_you_want",
        minimum: row.priceMinimum,
        suggested: Math.max(row.priceAmount ?? 0, row.priceMinimum),
      };
    case "free":
      return { mode: "free" };
  }
}

/** Nothing to pay at the least: the fan is only asked for an email. */
export function isFreeToTake(rule: PriceRule) {
  return rule.mode === "free" || (rule.mode === "pay_what_you_want" && rule.minimum === 0);
}

export type UnitPrice =
  | { ok: true; amount: number }
  | { ok: false; reason: "below_minimum"; minimum: number }
  | { ok: false; reason: "too_large" };

/**
 * The price of one unit. Only pay-what-you-want reads the fan's amount, and only above the
 * band's minimum; a fixed price ignores whatever the browser sent.
 */
export function unitPrice(rule: PriceRule, customAmount: number | null | undefined, currency: string): UnitPrice {
  switch (rule.mode) {
    case "fixed":
      return { ok: true, amount: rule.amount };
    case "free":
      return { ok: true, amount: 0 };
    case "pay_what_you_want": {
      const amount = customAmount ?? rule.suggested;
      if (!Number.isInteger(amount) || amount < rule.minimum)
        return { ok: false, reason: "below_minimum", minimum: rule.minimum };
      if (amount > MAX_PRICE_MAJOR * 10 ** currencyDigits(currency)) return { ok: false, reason: "too_large" };
      return { ok: true, amount };
    }
  }
}
