import { describe, expect, it } from "vitest";
import { periodsOf, withEmptyPeriods } from "@/lib/admin/revenue";

const utc = (s: string) => new Date(`${s}T00:00:00Z`);

describe("the revenue chart's periods", () => {
  it("lists every day of the range, the last day included", () => {
    expect(periodsOf({ from: utc("2026-02-27"), to: utc("2026-03-02"), bucket: "day" })).toEqual([
      "2026-02-27",
      "2026-02-28",
      "2026-03-01",
    ]);
  });

  it("names weeks by their Monday and months by their first day, as the database does", () => {
    // 2026-12-02 is a Wednesday.
    expect(periodsOf({ from: utc("2026-12-02"), to: utc("2026-12-15"), bucket: "week" })).toEqual([
      "2026-11-30",
      "2026-12-07",
      "2026-12-14",
    ]);
    expect(periodsOf({ from: utc("2026-11-15"), to: utc("2027-01-02"), bucket: "month" })).toEqual([
      "2026-11-01",
      "2026-12-01",
      "2027-01-01",
    ]);
  });

  it("fills the days that earned nothing with zeros, for one currency", () => {
    const rows = [
      { period: "2026-03-02", currency: "EUR", fees: 70, subscriptions: 0 },
      { period: "2026-03-02", currency: "USD", fees: 50, subscriptions: 0 },
    ];
    expect(withEmptyPeriods(rows, { from: utc("2026-03-01"), to: utc("2026-03-04"), bucket: "day" }, "EUR")).toEqual([
      { period: "2026-03-01", currency: "EUR", fees: 0, subscriptions: 0 },
      { period: "2026-03-02", currency: "EUR", fees: 70, subscriptions: 0 },
      { period: "2026-03-03", currency: "EUR", fees: 0, subscriptions: 0 },
    ]);
  });
});
