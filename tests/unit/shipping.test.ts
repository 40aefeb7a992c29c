import { describe, expect, it } from "vitest";
import { countryCodes, isCountryCode, quoteShipping, type ZoneRate } from "@/lib/countries";

const rates: ZoneRate[] = [
  { zone: "home", countries: [], firstItem: 400, eachExtra: 100 },
  { zone: "europe", countries: [], firstItem: 800, eachExtra: 200 },
  { zone: "world", countries: [], firstItem: 1500, eachExtra: 500 },
  { zone: "custom", countries: ["BE", "CH"], firstItem: 600, eachExtra: 150 },
];

describe("the cart's shipping rule", () => {
  it("charges the first unit at the zone's first-item price and every other unit at each-extra", () => {
    expect(quoteShipping(rates, { country: "FR", homeCountry: "FR", physicalUnits: 1 })).toMatchObject({
      ok: true,
      amount: 400,
    });
    expect(quoteShipping(rates, { country: "FR", homeCountry: "FR", physicalUnits: 3 })).toMatchObject({
      ok: true,
      amount: 600,
    });
    expect(quoteShipping(rates, { country: "DE", homeCountry: "FR", physicalUnits: 2 })).toMatchObject({
      ok: true,
      amount: 1000,
    });
    expect(quoteShipping(rates, { country: "JP", homeCountry: "FR", physicalUnits: 2 })).toMatchObject({
      ok: true,
      amount: 2000,
    });
  });

  it("uses the most specific zone: custom list, then home, then Europe, then world", () => {
    expect(quoteShipping(rates, { country: "BE", homeCountry: "FR", physicalUnits: 1 })).toMatchObject({ amount: 600 });
    expect(quoteShipping(rates, { country: "CH", homeCountry: "CH", physicalUnits: 1 })).toMatchObject({ amount: 600 });
    expect(quoteShipping(rates, { country: "GB", homeCountry: "FR", physicalUnits: 1 })).toMatchObject({ amount: 800 });
  });

  it("digital-only carts ship for nothing and need no country", () => {
    expect(quoteShipping([], { country: null, homeCountry: null, physicalUnits: 0 })).toEqual({
      ok: true,
      amount: 0,
      rate: null,
    });
  });

  it("says when it cannot ship instead of charging nothing", () => {
    const europeOnly = rates.filter((r) => r.zone !== "world");
    expect(quoteShipping(europeOnly, { country: "US", homeCountry: "FR", physicalUnits: 1 })).toEqual({
      ok: false,
      reason: "no_zone",
    });
    expect(quoteShipping(rates, { country: null, homeCountry: "FR", physicalUnits: 1 })).toEqual({
      ok: false,
      reason: "no_country",
    });
    expect(quoteShipping([], { country: "FR", homeCountry: "FR", physicalUnits: 1 })).toEqual({
      ok: false,
      reason: "no_zone",
    });
  });

  it("knows real country codes", () => {
    expect(isCountryCode("FR")).toBe(true);
    expect(isCountryCode("ZZ")).toBe(false);
    expect(isCountryCode("fr")).toBe(false);
    expect(countryCodes().length).toBeGreaterThan(200);
  });
});
