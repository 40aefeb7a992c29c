import type { Rates } from "./ecb";

/** Rates older than this (counted from the end of their day) are not shown: better nothing than wrong. */
export const MAX_RATE_AGE_DAYS = 3;

const DAY_MS = 86_400_000;

/**
 * The rates when they are fresh enough to show, else null. Their age counts from the end of the
 * day they are for, so Friday's rates still serve on Monday morning before the ECB publishes.
 */
export function freshRates(rates: Rates | null | undefined, now: Date = new Date()): Rates | null {
  if (!rates) return null;
  const endOfDay = Date.parse(`${rates.date}T00:00:00Z`) + DAY_MS;
  if (Number.isNaN(endOfDay)) return null;
  return now.getTime() - endOfDay <= MAX_RATE_AGE_DAYS * DAY_MS ? rates : null;
}

function digits(currency: string): number {
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

function perEuro(rates: Rates, currency: string): number | null {
  if (currency === "EUR") return 1;
  const rate = rates.perEuro[currency];
  return typeof rate === "number" && rate > 0 ? rate : null;
}

/**
 * `amount` (minor units of `from`) in minor units of `to`, through the euro; null when the rates
 * do not know either currency.
 */
export function convert(amount: number, from: string, to: string, rates: Rates): number | null {
  const fromRate = perEuro(rates, from);
  const toRate = perEuro(rates, to);
  if (fromRate === null || toRate === null || !Number.isFinite(amount)) return null;
  if (from === to) return amount;
  const major = amount / 10 ** digits(from);
  return Math.round((major / fromRate) * toRate * 10 ** digits(to));
}

/**
 * "≈ ¥820", "≈ US$10.90": an approximation, so from 100 up it drops the cents. A "$" alone would
 * be read as the fan's own dollar whatever it is, so the US dollar says "US$" as Canada's says "CA$".
 */
export function formatApproximate(amount: number, currency: string, locale: string): string {
  const fraction = digits(currency);
  const major = amount / 10 ** fraction;
  const whole = Math.abs(major) >= 100;
  const formatter = new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    minimumFractionDigits: whole ? 0 : fraction,
    maximumFractionDigits: whole ? 0 : fraction,
  });
  const text = formatter
    .formatToParts(major)
    .map((part) => (part.type === "currency" && part.value === "$" && currency === "USD" ? "US$" : part.value))
    .join("");
  return `≈ ${text}`;
}

/**
 * What to show beside a price for this visitor: the approximation in their currency, or null when
 * it is the price's own currency, when rates are missing or stale, or when either currency is unknown.
 */
export function approximatePrice(input: {
  amount: number;
  currency: string;
  visitorCurrency: string | null | undefined;
  rates: Rates | null | undefined;
  locale: string;
  now?: Date;
}): string | null {
  const { amount, currency, visitorCurrency, locale } = input;
  if (!visitorCurrency || visitorCurrency === currency) return null;
  const rates = freshRates(input.rates, input.now);
  if (!rates) return null;
  const converted = convert(amount, currency, visitorCurrency, rates);
  return converted === null ? null : formatApproximate(converted, visitorCurrency, locale);
}
