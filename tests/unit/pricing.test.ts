import { describe, expect, it } from "vitest";
import {
  currencyDigits,
  formatMoney,
  hasPrice,
  isFreeToTake,
  moneyInputValue,
  parseMoneyInput,
  priceRule,
  unitPrice,
} from "@/lib/money";
import { feeAmount } from "@/lib/plans";

describe("money as bands type it", () => {
  it("reads dots, commas, spaces and symbols into minor units", () => {
    expect(parseMoneyInput("7", "EUR")).toEqual({ ok: true, amount: 700 });
    expect(parseMoneyInput("7.5", "EUR")).toEqual({ ok: true, amount: 750 });
    expect(parseMoneyInput("7,50", "EUR")).toEqual({ ok: true, amount: 750 });
    expect(parseMoneyInput(" €12.00 ", "EUR")).toEqual({ ok: true, amount: 1200 });
    expect(parseMoneyInput("1 200", "JPY")).toEqual({ ok: true, amount: 1200 });
    expect(parseMoneyInput("0", "USD")).toEqual({ ok: true, amount: 0 });
  });

  it("refuses negative, malformed, over-precise and absurd amounts instead of guessing", () => {
    expect(parseMoneyInput("-1", "EUR")).toEqual({ ok: false, error: "money_negative" });
    expect(parseMoneyInput("seven", "EUR")).toEqual({ ok: false, error: "money_format" });
    expect(parseMoneyInput("7.555", "EUR")).toEqual({ ok: false, error: "money_format" });
    expect(parseMoneyInput("100.5", "JPY")).toEqual({ ok: false, error: "money_format" });
    expect(parseMoneyInput("1.2.3", "EUR")).toEqual({ ok: false, error: "money_format" });
    expect(parseMoneyInput("", "EUR")).toEqual({ ok: false, error: "money_format" });
    expect(parseMoneyInput("10000.01", "EUR")).toEqual({ ok: false, error: "money_too_large" });
    expect(parseMoneyInput("99999999", "EUR")).toEqual({ ok: false, error: "money_too_large" });
  });

  it("knows which currencies have no minor unit and writes amounts back for forms", () => {
    expect(currencyDigits("EUR")).toBe(2);
    expect(currencyDigits("JPY")).toBe(0);
    expect(moneyInputValue(750, "EUR")).toBe("7.50");
    expect(moneyInputValue(1200, "JPY")).toBe("1200");
  });

  it("formats per locale", () => {
    expect(formatMoney(750, "EUR", "en")).toBe("€7.50");
    expect(formatMoney(750, "EUR", "fr").replace(/\s/g, " ")).toBe("7,50 €");
    expect(formatMoney(1200, "JPY", "en")).toBe("¥1,200");
  });
});

describe("price rules", () => {
  const fixed = priceRule({ pricingMode: "fixed", priceAmount: 700, priceMinimum: 0 });
  const pwyw = priceRule({ pricingMode: "pay_what_you_want", priceAmount: 800, priceMinimum: 500 });
  const pwywFromZero = priceRule({ pricingMode: "pay_what_you_want", priceAmount: 500, priceMinimum: 0 });
  const free = priceRule({ pricingMode: "free", priceAmount: 700, priceMinimum: 0 });

  it("a fixed price ignores whatever amount the browser sent", () => {
    expect(unitPrice(fixed, 1, "EUR")).toEqual({ ok: true, amount: 700 });
    expect(unitPrice(fixed, 99_999, "EUR")).toEqual({ ok: true, amount: 700 });
  });

  it("pay what you want takes the fan's amount at or above the minimum, the suggestion by default", () => {
    expect(unitPrice(pwyw, 500, "EUR")).toEqual({ ok: true, amount: 500 });
    expect(unitPrice(pwyw, 2_000, "EUR")).toEqual({ ok: true, amount: 2_000 });
    expect(unitPrice(pwyw, null, "EUR")).toEqual({ ok: true, amount: 800 });
    expect(unitPrice(pwyw, 499, "EUR")).toEqual({ ok: false, reason: "below_minimum", minimum: 500 });
    expect(unitPrice(pwyw, 5.5, "EUR")).toEqual({ ok: false, reason: "below_minimum", minimum: 500 });
    expect(unitPrice(pwyw, 1_000_001, "EUR")).toEqual({ ok: false, reason: "too_large" });
  });

  it("a suggestion below the minimum is lifted to it", () => {
    expect(priceRule({ pricingMode: "pay_what_you_want", priceAmount: 100, priceMinimum: 300 })).toEqual({
      mode: "pay_what_you_want",
      minimum: 300,
      suggested: 300,
    });
  });

  it("free and zero-minimum releases only ask for an email", () => {
    expect(unitPrice(free, 500, "EUR")).toEqual({ ok: true, amount: 0 });
    expect(isFreeToTake(free)).toBe(true);
    expect(isFreeToTake(pwywFromZero)).toBe(true);
    expect(unitPrice(pwywFromZero, 0, "EUR")).toEqual({ ok: true, amount: 0 });
    expect(isFreeToTake(pwyw)).toBe(false);
    expect(isFreeToTake(fixed)).toBe(false);
  });
});

describe("platform fee rounding (the rate in basis points, stamped per plan)", () => {
  it("rounds half up to the minor unit", () => {
    expect(feeAmount(1_000, 1_000)).toBe(100);
    expect(feeAmount(705, 1_000)).toBe(71); // 70.5 → 71
    expect(feeAmount(704, 1_000)).toBe(70); // 70.4 → 70
    expect(feeAmount(999, 750)).toBe(75); // 74.925 → 75
    expect(feeAmount(0, 1_000)).toBe(0);
    expect(feeAmount(1_234, 0)).toBe(0);
  });
});

describe("a price the band has set", () => {
  it("is missing for a fixed price never set (or a fixed 0); free and pay what you want from 0 are deliberate", () => {
    expect(hasPrice({ pricingMode: "fixed", priceAmount: null })).toBe(false);
    expect(hasPrice({ pricingMode: "fixed", priceAmount: 0 })).toBe(false);
    expect(hasPrice({ pricingMode: "fixed", priceAmount: 700 })).toBe(true);
    expect(hasPrice({ pricingMode: "free", priceAmount: 0 })).toBe(true);
    expect(hasPrice({ pricingMode: "pay_what_you_want", priceAmount: 0 })).toBe(true);
  });
});
