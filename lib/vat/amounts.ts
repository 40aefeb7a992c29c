/**
 * VAT taken out of VAT-inclusive prices, in minor units (cents). What the fan sees is what the fan
 * pays: the VAT is part of the price, never added to it.
 */

/** The VAT included in `gross` at `basisPoints` (2000 = 20 %), rounded half up to the unit. */
export function vatIncluded(gross: number, basisPoints: number): number {
  if (!Number.isInteger(gross) || gross < 0) throw new RangeError(`not an amount: ${gross}`);
  if (!Number.isInteger(basisPoints) || basisPoints < 0) throw new RangeError(`not a rate: ${basisPoints}`);
  if (basisPoints === 0 || gross === 0) return 0;
  // Integer arithmetic: gross × bp / (10000 + bp), half up.
  const denominator = 10_000 + basisPoints;
  return Math.floor((2 * gross * basisPoints + denominator) / (2 * denominator));
}

/**
 * Spreads `total` over parts proportionally to `weights`, so the parts are whole units and sum
 * exactly to `total` (largest remainder; ties go to the earlier part).
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((value, index) => ({ index, rest: value - Math.floor(value) }))
    .sort((a, b) => b.rest - a.rest || a.index - b.index);
  for (const { index } of order) {
    if (left <= 0) break;
    parts[index] += 1;
    left -= 1;
  }
  return parts;
}

/**
 * The VAT of several lines taxed at one rate: computed once on their sum (so the total is what a
 * tax office computes on the invoice), then spread over the lines so they add up to it.
 */
export function vatOfLines(grossLines: readonly number[], basisPoints: number): { total: number; lines: number[] } {
  const total = vatIncluded(
    grossLines.reduce((a, b) => a + b, 0),
    basisPoints,
  );
  return { total, lines: allocate(total, grossLines) };
}

/** A rate for people: 2550 → "25.5 %" (locale-aware). */
export function formatRate(basisPoints: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 }).format(basisPoints / 10_000);
}
