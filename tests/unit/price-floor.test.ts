import { describe, expect, it } from "vitest";
import { parsePricing, parseTrackPricing, priceFloor } from "@/lib/catalog/price-input";

describe("a band prices a track or a release below the card minimum", () => {
  it("may go down to 0.10 (a fan pays it from a balance), never below", () => {
    expect(parsePricing({ pricingMode: "fixed", priceAmount: "0.10" }, "EUR")).toEqual({
      ok: true,
      pricing: { pricingMode: "fixed", priceAmount: 10, priceMinimum: 0 },
    });
    expect(parseTrackPricing({ soldAlone: "on", pricingMode: "fixed", priceAmount: "0,1" }, "EUR")).toMatchObject({
      ok: true,
      pricing: { priceAmount: 10 },
    });
    expect(parsePricing({ pricingMode: "fixed", priceAmount: "0.09" }, "EUR")).toEqual({
      ok: false,
      fieldErrors: { priceAmount: "price_too_low" },
    });
    expect(parsePricing({ pricingMode: "fixed", priceAmount: "0" }, "EUR")).toEqual({
      ok: false,
      fieldErrors: { priceAmount: "price_zero" },
    });
  });

  it("has a floor of one unit in currencies without cents", () => {
    expect(priceFloor("JPY")).toBe(1);
    expect(priceFloor("EUR")).toBe(10);
    expect(parsePricing({ pricingMode: "fixed", priceAmount: "1" }, "JPY")).toMatchObject({ ok: true });
  });
});
