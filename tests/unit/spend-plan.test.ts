import { describe, expect, it } from "vitest";
import { creditPayoutAmount, planSpend, splitRefund } from "@/lib/credit/spend-plan";

const src = (accountId: string, balance: number, digitalOnly = false) => ({ accountId, balance, digitalOnly });

describe("how a fan's balances pay an order", () => {
  it("uses the balances in the order offered and leaves the rest to the card", () => {
    const plan = planSpend({
      total: 1500,
      digitalTotal: 1500,
      sources: [src("band", 300), src("program", 400), src("platform", 2000)],
      cardMinimum: 50,
    });
    expect(plan).toEqual({
      parts: [
        { accountId: "band", amount: 300 },
        { accountId: "program", amount: 400 },
        { accountId: "platform", amount: 800 },
      ],
      credit: 1500,
      card: 0,
    });
  });

  it("lets the card pay its minimum rather than charge less than the provider takes", () => {
    const plan = planSpend({
      total: 1000,
      digitalTotal: 1000,
      sources: [src("band", 200), src("platform", 780)],
      cardMinimum: 50,
    });
    expect(plan.card).toBe(50);
    expect(plan.credit).toBe(950);
    // The last balance offered gives back first: the band's own credit stays in use.
    expect(plan.parts).toEqual([
      { accountId: "band", amount: 200 },
      { accountId: "platform", amount: 750 },
    ]);
  });

  it("pays a 0.10 order wholly from the balance, with no card", () => {
    expect(planSpend({ total: 10, digitalTotal: 10, sources: [src("platform", 1000)], cardMinimum: 50 })).toEqual({
      parts: [{ accountId: "platform", amount: 10 }],
      credit: 10,
      card: 0,
    });
  });

  it("cannot make a card part under the minimum when the order itself is under it", () => {
    const plan = planSpend({ total: 30, digitalTotal: 30, sources: [src("platform", 20)], cardMinimum: 50 });
    expect(plan).toEqual({ parts: [], credit: 0, card: 30 });
  });

  it("keeps digital-only credit off goods and shipping", () => {
    const plan = planSpend({ total: 2500, digitalTotal: 800, sources: [src("program", 5000, true)], cardMinimum: 50 });
    expect(plan).toEqual({ parts: [{ accountId: "program", amount: 800 }], credit: 800, card: 1700 });
    const cdOnly = planSpend({ total: 1500, digitalTotal: 0, sources: [src("program", 5000, true)], cardMinimum: 50 });
    expect(cdOnly).toEqual({ parts: [], credit: 0, card: 1500 });
  });
});

describe("the band's share of what credit paid", () => {
  it("is the whole credit part when the card paid the fee and the platform's VAT", () => {
    expect(creditPayoutAmount({ total: 1000, creditAmount: 600, platformFee: 100, vatPlatform: 160 })).toBe(600);
  });
  it("is the band's whole share when there was no card (or too little to pay the fee)", () => {
    expect(creditPayoutAmount({ total: 1000, creditAmount: 1000, platformFee: 100, vatPlatform: 160 })).toBe(740);
    expect(creditPayoutAmount({ total: 1000, creditAmount: 950, platformFee: 100, vatPlatform: 160 })).toBe(740);
  });
});

describe("a refund of what credit paid", () => {
  it("goes back to each balance in proportion and adds up exactly", () => {
    const parts = splitRefund(100, [
      { accountId: "a", paid: 200, refunded: 0 },
      { accountId: "b", paid: 100, refunded: 0 },
    ]);
    expect(parts).toEqual([
      { accountId: "a", amount: 67 },
      { accountId: "b", amount: 33 },
    ]);
    expect(splitRefund(1000, [{ accountId: "a", paid: 200, refunded: 150 }])).toEqual([{ accountId: "a", amount: 50 }]);
  });
});
