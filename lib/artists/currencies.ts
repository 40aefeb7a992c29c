/** Currencies a band can sell in (all supported by Stripe with two decimals, except JPY). */
export const CURRENCIES = ["EUR", "USD", "GBP", "CAD", "AUD", "CHF", "SEK", "NOK", "DKK", "JPY", "NZD", "PLN"] as const;
export type Currency = (typeof CURRENCIES)[number];

export function isCurrency(value: string): value is Currency {
  return (CURRENCIES as readonly string[]).includes(value);
}
