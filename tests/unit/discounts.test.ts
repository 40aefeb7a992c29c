import { describe, expect, it } from "vitest";
import { computeDiscount, discountedUnits, type DiscountableLine, type DiscountRule } from "@/lib/discounts/compute";

const line = (id: string, over: Partial<DiscountableLine> = {}): DiscountableLine => ({
  id,
  kind: "release",
  releaseId: `r-${id}`,
  trackId: null,
  productId: null,
  physical: false,
  quantity: 1,
  unitAmount: 700,
  lineTotal: 700,
  problem: null,
  ...over,
});
const album = line("album");
const cds = line("cd", {
  kind: "product",
  releaseId: null,
  productId: "p-cd",
  physical: true,
  quantity: 2,
  unitAmount: 1200,
  lineTotal: 2400,
});
const song = line("song", { kind: "track", releaseId: "r-album", trackId: "t-1", unitAmount: 100, lineTotal: 100 });
const rule = (over: Partial<DiscountRule>): DiscountRule => ({
  kind: "percent",
  amount: 10,
  scope: "all",
  itemKind: null,
  itemId: null,
  ...over,
});

describe("what a discount code takes off a cart", () => {
  it("takes a percentage once on the eligible subtotal, halves rounded in the fan's favour", () => {
    expect(computeDiscount(rule({ amount: 10 }), [line("a", { unitAmount: 1005, lineTotal: 1005 })]).amount).toBe(101);
    expect(computeDiscount(rule({ amount: 10 }), [line("a", { unitAmount: 1004, lineTotal: 1004 })]).amount).toBe(100);
    // 15% of three 1.05 lines: taken on 3.15 (47.25 → 47), not 16+16+16 per line.
    const three = ["a", "b", "c"].map((id) => line(id, { unitAmount: 105, lineTotal: 105 }));
    const split = computeDiscount(rule({ amount: 15 }), three);
    expect(split.amount).toBe(47);
    expect([...split.perLine.values()].reduce((a, b) => a + b, 0)).toBe(47);
  });

  it("caps a fixed amount at the eligible subtotal, so nothing goes below zero", () => {
    expect(computeDiscount(rule({ kind: "fixed", amount: 5000 }), [album, song]).amount).toBe(800);
    expect(computeDiscount(rule({ kind: "fixed", amount: 300 }), [album, song]).amount).toBe(300);
    expect(computeDiscount(rule({ amount: 100 }), [album]).amount).toBe(700);
  });

  it("applies to digital, physical or one item only, and never to lines with a problem", () => {
    expect(computeDiscount(rule({ scope: "digital", amount: 50 }), [album, cds]).amount).toBe(350);
    expect(computeDiscount(rule({ scope: "physical", amount: 50 }), [album, cds]).amount).toBe(1200);
    expect(
      computeDiscount(rule({ scope: "item", itemKind: "track", itemId: "t-1", amount: 50 }), [album, song, cds]).amount,
    ).toBe(50);
    expect(
      computeDiscount(rule({ scope: "item", itemKind: "release", itemId: "r-album", amount: 50 }), [album, song])
        .amount,
    ).toBe(350);
    expect(
      computeDiscount(rule({ scope: "item", itemKind: "product", itemId: "p-other", amount: 50 }), [cds]).amount,
    ).toBe(0);
    expect(computeDiscount(rule({ amount: 50 }), [album, { ...cds, problem: "out_of_stock" }]).amount).toBe(350);
  });

  it("leaves shipping alone: only item lines are ever looked at", () => {
    // A fixed €50 on a €24 CD cart takes €24; shipping (not a line) is added on top by the cart.
    expect(computeDiscount(rule({ kind: "fixed", amount: 5000, scope: "physical" }), [cds]).amount).toBe(2400);
  });

  it("shares the amount across lines to the cent, and folds each share into unit prices", () => {
    const split = computeDiscount(rule({ kind: "fixed", amount: 1001 }), [album, cds, song]);
    const shares = [...split.perLine.values()];
    expect(shares.reduce((a, b) => a + b, 0)).toBe(1001);
    for (const l of [album, cds, song]) {
      const parts = discountedUnits(l, split.perLine.get(l.id) ?? 0);
      const sum = parts.reduce((s, p) => s + p.unitAmount * p.quantity, 0);
      expect(sum).toBe(l.lineTotal - (split.perLine.get(l.id) ?? 0));
      expect(parts.every((p) => p.unitAmount >= 0 && p.quantity > 0)).toBe(true);
    }
    // 3 units of 1.00 less 0.10: 0.96 + 0.97 + 0.97 on the payment page.
    expect(discountedUnits({ unitAmount: 100, quantity: 3 }, 10)).toEqual([
      { unitAmount: 96, quantity: 1 },
      { unitAmount: 97, quantity: 2 },
    ]);
  });
});
