import { num } from "./filters";

/** A line of a breakdown: counts add up, amounts stay one per currency. */
export type BreakdownRow = {
  key: string;
  label: string;
  host: string | null;
  orders: number;
  units: number;
  plays: number;
  money: { currency: string; amount: number }[];
};

export type RawRow = {
  key: string;
  label?: string | null;
  host?: string | null;
  currency?: string | null;
  orders?: unknown;
  units?: unknown;
  plays?: unknown;
  amount?: unknown;
};

/** Folds SQL rows (one per key and currency) into one line per key, biggest first. */
export function foldRows(raw: Iterable<RawRow>): BreakdownRow[] {
  const byKey = new Map<string, BreakdownRow>();
  for (const r of raw) {
    const id = `${r.key}\u0000${r.host ?? ""}`;
    let row = byKey.get(id);
    if (!row) {
      row = { key: r.key, label: r.label ?? r.key, host: r.host ?? null, orders: 0, units: 0, plays: 0, money: [] };
      byKey.set(id, row);
    }
    row.orders += num(r.orders);
    row.units += num(r.units);
    row.plays += num(r.plays);
    if (r.currency) row.money.push({ currency: r.currency, amount: num(r.amount) });
  }
  for (const row of byKey.values()) row.money.sort((a, b) => a.currency.localeCompare(b.currency));
  return [...byKey.values()].sort(
    (a, b) => b.orders + b.units - (a.orders + a.units) || b.plays - a.plays || a.label.localeCompare(b.label),
  );
}
