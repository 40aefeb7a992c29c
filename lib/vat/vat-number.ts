/**
 * VAT numbers by their shape: the country prefix the EU's VIES uses (EL for Greece, XI for
 * Northern Ireland) or GB, then that country's pattern. The format only: whether a number is
 * actually registered is for VIES or HMRC to say.
 *
 * Patterns: European Commission, "VIES — VAT number validation" (structure of the numbers per
 * member state); HMRC for GB/XI (9 or 12 digits, or GD/HA and 3 digits for government bodies).
 */
const UK = /^(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/;

const PATTERNS: Readonly<Record<string, RegExp>> = {
  AT: /^U\d{8}$/,
  BE: /^[01]\d{9}$/,
  BG: /^\d{9,10}$/,
  CY: /^\d{8}[A-Z]$/,
  CZ: /^\d{8,10}$/,
  DE: /^\d{9}$/,
  DK: /^\d{8}$/,
  EE: /^\d{9}$/,
  EL: /^\d{9}$/,
  ES: /^([A-Z]\d{7}[A-Z0-9]|\d{8}[A-Z])$/,
  FI: /^\d{8}$/,
  FR: /^[0-9A-HJ-NP-Z]{2}\d{9}$/,
  HR: /^\d{11}$/,
  HU: /^\d{8}$/,
  IE: /^(\d{7}[A-W][A-I]?|\d[A-Z+*]\d{5}[A-W])$/,
  IT: /^\d{11}$/,
  LT: /^(\d{9}|\d{12})$/,
  LU: /^\d{8}$/,
  LV: /^\d{11}$/,
  MT: /^\d{8}$/,
  NL: /^\d{9}B\d{2}$/,
  PL: /^\d{10}$/,
  PT: /^\d{9}$/,
  RO: /^[1-9]\d{1,9}$/,
  SE: /^\d{10}01$/,
  SI: /^\d{8}$/,
  SK: /^\d{10}$/,
  XI: UK,
  GB: UK,
};

/** The prefixes accepted, in the order a form may list them. */
export const VAT_NUMBER_PREFIXES = Object.keys(PATTERNS);

export type VatNumberCheck =
  | { ok: true; number: string; prefix: string }
  | { ok: false; reason: "empty" | "no_prefix" | "greece_is_el" | "format"; prefix?: string };

/**
 * Checks a VAT number as a person types it ("fr 12 345 678 901", "DE-123.456.789") and gives it
 * back in its compact form ("FR12345678901"). Greek numbers are EL…, not GR… (VIES's prefix).
 */
export function checkVatNumber(input: string): VatNumberCheck {
  const compact = input.toUpperCase().replace(/[\s.\-/]/g, "");
  if (!compact) return { ok: false, reason: "empty" };
  const prefix = compact.slice(0, 2);
  if (prefix === "GR") return { ok: false, reason: "greece_is_el", prefix };
  const pattern = PATTERNS[prefix];
  if (!pattern) return { ok: false, reason: "no_prefix" };
  if (!pattern.test(compact.slice(2))) return { ok: false, reason: "format", prefix };
  return { ok: true, number: compact, prefix };
}

/**
 * A VAT rate typed as a percentage ("20", "5.5", "25,5") in basis points (2000, 550, 2550):
 * 0 to 27 % (Hungary's, the highest in the EU), at most two decimals. Null when it is not one.
 */
export function parseVatRatePercent(input: string): number | null {
  const text = input.trim().replace(/\s*%$/, "").replace(",", ".");
  const match = /^(\d{1,2})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return null;
  const basisPoints = Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
  return basisPoints <= 2700 ? basisPoints : null;
}

/** The mention a band not registered for VAT prints on its receipts, until it writes its own. */
export function defaultVatMention(country: string | null): string {
  if (country === "FR") return "TVA non applicable, art. 293 B du CGI";
  return "Seller not registered for VAT: no VAT is charged on these goods.";
}
