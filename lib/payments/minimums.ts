import { currencyDigits } from "@/lib/money";

/**
 * The smallest charge Stripe accepts per currency, in major units (docs.stripe.com/currencies,
 * "Minimum and maximum charge amounts", checked 2026-12-03). A card payment below it is refused
 * by Stripe after the order is made, so the cart refuses it first. Stripe counts HUF in
 * hundredths while this app, like Intl, counts it in whole forints: the figure below is forints.
 */
const MINIMUM_MAJOR: Readonly<Record<string, number>> = {
  USD: 0.5,
  AED: 2,
  AUD: 0.5,
  BGN: 1,
  BRL: 0.5,
  CAD: 0.5,
  CHF: 0.5,
  CZK: 15,
  DKK: 2.5,
  EUR: 0.5,
  GBP: 0.3,
  HKD: 4,
  HUF: 175,
  INR: 0.5,
  JPY: 50,
  MXN: 10,
  MYR: 2,
  NOK: 3,
  NZD: 0.5,
  PLN: 2,
  RON: 2,
  SEK: 3,
  SGD: 0.5,
  THB: 10,
};

/** The provider's minimum card payment in the currency's minor units; null when none is known. */
export function cardMinimum(currency: string): number | null {
  const major = MINIMUM_MAJOR[currency.toUpperCase()];
  if (major === undefined) return null;
  return Math.round(major * 10 ** currencyDigits(currency));
}

/** A paid cart too small for a card: free carts (0) are never below it. */
export function belowCardMinimum(total: number, currency: string): boolean {
  const minimum = cardMinimum(currency);
  return total > 0 && minimum !== null && total < minimum;
}
