/**
 * The European Central Bank's daily reference rates (eurofxref-daily.xml): one `<Cube time>` with
 * a `<Cube currency rate>` per currency, each "units of that currency per euro". Read with a
 * pattern, not an XML parser: the format has not changed since 1999 and anything else is refused.
 */

/** Reference rates of one day: units of each currency per euro (the euro itself is implied, 1). */
export type Rates = { date: string; perEuro: Readonly<Record<string, number>> };

export type ParsedRates = { ok: true; rates: Rates } | { ok: false; reason: string };

const DAY = /<Cube\s+time\s*=\s*["'](\d{4}-\d{2}-\d{2})["']\s*>/;
const RATE = /<Cube\s+currency\s*=\s*["']([A-Za-z]{3})["']\s+rate\s*=\s*["']([^"']*)["']\s*\/?>/g;

export function parseEcbRates(xml: string): ParsedRates {
  if (typeof xml !== "string" || !xml.includes("<Cube")) {
    return { ok: false, reason: "The answer is not the ECB's reference-rate XML (no <Cube> element)." };
  }
  const day = DAY.exec(xml)?.[1];
  if (!day || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
    return { ok: false, reason: "The ECB's XML has no valid <Cube time='YYYY-MM-DD'> date." };
  }
  const perEuro: Record<string, number> = {};
  for (const [, code, text] of xml.matchAll(RATE)) {
    const rate = Number(text);
    if (!/^\d+(\.\d+)?$/.test(text.trim()) || !Number.isFinite(rate) || rate <= 0) {
      return { ok: false, reason: `The ECB's rate for ${code.toUpperCase()} is not a positive number ("${text}").` };
    }
    perEuro[code.toUpperCase()] = rate;
  }
  if (Object.keys(perEuro).length === 0) return { ok: false, reason: "The ECB's XML lists no currency." };
  delete perEuro.EUR;
  return { ok: true, rates: { date: day, perEuro } };
}
