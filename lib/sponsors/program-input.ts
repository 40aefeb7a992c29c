import { z } from "zod";
import type { CreditRules } from "@/db/schema";
import { isCurrency } from "@/lib/artists";
import { isCountryCode } from "@/lib/countries";
import { creditAmountLimits } from "@/lib/credit";
import { currencyDigits, parseMoneyInput } from "@/lib/money";

export const MAX_CARDS = 1000;
export const MAX_ELIGIBILITY_CODES = 1000;
/** A matching pool: up to 1 000 000 in the currency's major unit (the money parser's own ceiling is 10 000). */
const MAX_POOL_MAJOR = 1_000_000;

/** What a sponsor's form sends (strings, as typed); lib/sponsors/programs.ts parses it. */
const text = z.string().trim().default("");
const formSchema = z.object({
  kind: z.enum(["cards", "match"], { message: "kind_invalid" }),
  label: text.pipe(z.string().max(120, "label_too_long")),
  currency: text.refine(isCurrency, "currency_invalid"),
  count: text,
  amount: text,
  pool: text,
  cap: text,
  codes: text,
  digitalOnly: z.union([z.boolean(), z.string()]).optional(),
  countries: text,
  endsAt: text,
});

export type ProgramInput = {
  kind: "cards" | "match";
  label: string;
  currency: string;
  rules: CreditRules;
  endsAt: Date | null;
} & (
  | { kind: "cards"; cardCount: number; cardAmount: number }
  | { kind: "match"; poolAmount: number; perFanCap: number; codeCount: number }
);

export type ProgramInputResult = { ok: true; input: ProgramInput } | { ok: false; fieldErrors: Record<string, string> };

const count = (value: string, max: number) => /^\d{1,4}$/.test(value) && Number(value) >= 1 && Number(value) <= max;

/** Reads and checks a program form: every problem is named per field, and nothing is written on any. */
export function parseProgramInput(raw: unknown, now = new Date()): ProgramInputResult {
  const parsed = formSchema.safeParse(raw);
  if (!parsed.success)
    return {
      ok: false,
      fieldErrors: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])),
    };
  const f = parsed.data;
  const errors: Record<string, string> = {};
  const limits = creditAmountLimits(f.currency);
  const money = (field: "amount" | "cap" | "pool", min: number, max: number) => {
    const value = field === "pool" ? parseLarge(f.pool, f.currency) : parseMoneyInput(f[field], f.currency);
    if (!value.ok || value.amount < min || value.amount > max) errors[field] = `${field}_range`;
    return value.ok ? value.amount : 0;
  };

  const codes = f.countries
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((c) => c.toUpperCase());
  const unknown = codes.filter((c) => !isCountryCode(c));
  if (unknown.length) errors.countries = "countries_invalid";

  let endsAt: Date | null = null;
  if (f.endsAt) {
    endsAt = /^\d{4}-\d{2}-\d{2}$/.test(f.endsAt) ? new Date(`${f.endsAt}T23:59:59Z`) : new Date(NaN);
    if (Number.isNaN(endsAt.getTime())) errors.endsAt = "ends_invalid";
    else if (endsAt <= now) errors.endsAt = "ends_past";
  }
  const rules: CreditRules = {
    ...(f.digitalOnly === true || f.digitalOnly === "on" || f.digitalOnly === "true" ? { digitalOnly: true } : {}),
    ...(codes.length ? { countries: [...new Set(codes)].sort() } : {}),
  };
  const base = { label: f.label, currency: f.currency, rules, endsAt };

  if (f.kind === "cards") {
    if (!count(f.count, MAX_CARDS)) errors.count = "count_range";
    const cardAmount = money("amount", limits.min, limits.max);
    if (Object.keys(errors).length) return { ok: false, fieldErrors: errors };
    return { ok: true, input: { ...base, kind: "cards", cardCount: Number(f.count), cardAmount } };
  }
  const perFanCap = money("cap", limits.min, limits.max);
  const poolAmount = money("pool", Math.max(perFanCap, 1), MAX_POOL_MAJOR * 10 ** currencyDigits(f.currency));
  if (!count(f.codes, MAX_ELIGIBILITY_CODES)) errors.codes = "codes_range";
  if (Object.keys(errors).length) return { ok: false, fieldErrors: errors };
  return { ok: true, input: { ...base, kind: "match", poolAmount, perFanCap, codeCount: Number(f.codes) } };
}

/** A pool may be larger than any one price: parseMoneyInput's reading without its ceiling. */
function parseLarge(text: string, currency: string): { ok: true; amount: number } | { ok: false } {
  const match = /^(\d{1,7})(?:[.,](\d*))?$/.exec(text.replace(/[\s\u00a0\u202f]/g, ""));
  if (!match) return { ok: false };
  const digits = currencyDigits(currency);
  const fraction = match[2] ?? "";
  if (fraction.length > digits) return { ok: false };
  return { ok: true, amount: Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, "0") || 0) };
}
