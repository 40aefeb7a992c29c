import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  allocate,
  decideCountry,
  EU_COUNTRIES,
  isVatCountry,
  orderVat,
  VAT_RATES,
  vatIncluded,
  vatRateFor,
  withCardCountry,
} from "@/lib/vat";

const at = (day: string) => new Date(`${day}T12:00:00Z`);

describe("the VAT rate table", () => {
  // The standard rate on 2026-12-01, per the European Commission's table and HMRC (lib/vat/rates.ts).
  const expected: Record<string, number> = {
    AT: 20, BE: 21, BG: 20, CY: 19, CZ: 21, DE: 19, DK: 25, EE: 24, ES: 21, FI: 25.5, FR: 20, GR: 24, HR: 25,
    HU: 27, IE: 23, IT: 22, LT: 21, LU: 17, LV: 21, MT: 18, NL: 21, PL: 23, PT: 23, RO: 21, SE: 25, SI: 22,
    SK: 23, GB: 20,
  }; // prettier-ignore

  it("holds the 27 member states and the United Kingdom", () => {
    expect(EU_COUNTRIES).toHaveLength(27);
    expect(Object.keys(VAT_RATES).sort()).toEqual(Object.keys(expected).sort());
  });

  for (const [country, percent] of Object.entries(expected)) {
    it(`${country}: ${percent} % on 2026-12-01`, () => {
      expect(vatRateFor(country, at("2026-12-01"))).toBe(percent * 100);
    });
  }

  it("taxes each day at the rate of that day", () => {
    expect(vatRateFor("FI", at("2024-08-31"))).toBe(2400);
    expect(vatRateFor("FI", at("2024-09-01"))).toBe(2550);
    expect(vatRateFor("EE", at("2025-06-30"))).toBe(2200);
    expect(vatRateFor("EE", at("2025-07-01"))).toBe(2400);
    expect(vatRateFor("SK", at("2024-12-31"))).toBe(2000);
    expect(vatRateFor("SK", at("2025-01-01"))).toBe(2300);
    expect(vatRateFor("RO", at("2025-07-31"))).toBe(1900);
    expect(vatRateFor("RO", at("2025-08-01"))).toBe(2100);
    expect(vatRateFor("DE", at("2020-10-01"))).toBe(1600);
    // Midnight in Brussels, not in UTC: 23:30 UTC on 31 August is already 1 September there.
    expect(vatRateFor("FI", new Date("2024-08-31T23:30:00Z"))).toBe(2550);
  });

  it("charges nothing outside the EU and the UK, and knows lower-case codes", () => {
    for (const country of ["US", "JP", "CH", "NO", "CA", null, undefined, ""]) expect(vatRateFor(country)).toBe(0);
    expect(isVatCountry("US")).toBe(false);
    expect(vatRateFor("fr", at("2026-12-01"))).toBe(2000);
  });
});

describe("VAT in an inclusive price", () => {
  it("takes the VAT out of what the fan pays, rounded to the cent", () => {
    expect(vatIncluded(1000, 2000)).toBe(167); // 10.00 € in France: 8.33 + 1.67
    expect(vatIncluded(1000, 1900)).toBe(160); // Germany: 8.40 + 1.60
    expect(vatIncluded(999, 2550)).toBe(203); // Finland
    expect(vatIncluded(1, 2000)).toBe(0);
    expect(vatIncluded(0, 2000)).toBe(0);
    expect(vatIncluded(700, 0)).toBe(0);
    expect(() => vatIncluded(-1, 2000)).toThrow();
  });

  it("is never more than the price, and the net part is what the rate says", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 3000 }), (gross, bp) => {
        const vat = vatIncluded(gross, bp);
        const net = gross - vat;
        expect(vat).toBeGreaterThanOrEqual(0);
        expect(vat).toBeLessThanOrEqual(gross);
        // Within half a cent of the exact figure.
        expect(Math.abs(vat - (gross * bp) / (10_000 + bp))).toBeLessThanOrEqual(0.5);
        expect(net + vat).toBe(gross);
      }),
    );
  });

  it("spreads an amount over lines so they always sum to it", () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(0, [5, 5])).toEqual([0, 0]);
    expect(allocate(5, [0, 0])).toEqual([0, 0]);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.array(fc.integer({ min: 0, max: 50_000 }), { minLength: 1, maxLength: 12 }),
        (total, weights) => {
          const parts = allocate(total, weights);
          const sum = weights.reduce((a, b) => a + b, 0);
          if (sum === 0) return;
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          parts.forEach((part, i) => expect(Math.abs(part - (total * weights[i]) / sum)).toBeLessThan(1));
        },
      ),
    );
  });

  it("gives each digital line its share of the platform's VAT and each parcel the band's", () => {
    const vat = orderVat({
      lines: [
        { gross: 1000, physical: false },
        { gross: 99, physical: false },
        { gross: 1500, physical: true },
      ],
      shipping: 500,
      buyerCountry: "DE",
      seller: { status: "registered", number: "FR40303265045", rateBasisPoints: 2000 },
      at: at("2026-12-01"),
    });
    expect(vat.country).toBe("DE");
    expect(vat.platform).toBe(vatIncluded(1099, 1900));
    expect(vat.lines[0].vat + vat.lines[1].vat).toBe(vat.platform);
    expect(vat.lines[2]).toMatchObject({ liability: "seller", rateBasisPoints: 2000 });
    expect(vat.lines[2].vat + vat.shippingVat).toBe(vatIncluded(2000, 2000));
    expect(vat.total).toBe(vat.platform + vat.seller);
  });

  it("charges a band that is not registered no VAT on its goods, and a fan outside Europe none at all", () => {
    const vat = orderVat({
      lines: [
        { gross: 1000, physical: false },
        { gross: 1500, physical: true },
      ],
      shipping: 500,
      buyerCountry: "US",
      seller: { status: "not_registered", mention: "TVA non applicable, art. 293 B du CGI" },
    });
    expect(vat).toMatchObject({ country: null, platform: 0, seller: 0, total: 0, shippingVat: 0 });
    expect(vat.lines.every((l) => l.liability === "none" && l.vat === 0)).toBe(true);
  });

  it("always adds its lines and shipping up to its totals", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ gross: fc.integer({ min: 0, max: 100_000 }), physical: fc.boolean() }), { maxLength: 8 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.constantFrom("FR", "DE", "FI", "US", "GB", null),
        fc.integer({ min: 0, max: 2700 }),
        (lines, shipping, country, sellerRate) => {
          const vat = orderVat({
            lines,
            shipping,
            buyerCountry: country,
            seller: sellerRate
              ? { status: "registered", number: "x", rateBasisPoints: sellerRate }
              : { status: "not_registered", mention: "" },
          });
          const sum = (liability: string) =>
            vat.lines.filter((l) => l.liability === liability).reduce((a, l) => a + l.vat, 0);
          expect(sum("platform")).toBe(vat.platform);
          expect(sum("seller") + vat.shippingVat).toBe(vat.seller);
          vat.lines.forEach((l) => expect(l.vat).toBeLessThanOrEqual(l.gross));
        },
      ),
    );
  });
});

describe("where the buyer is", () => {
  it("takes a declaration the address agrees with", () => {
    expect(decideCountry({ ip: "DE", declared: "DE" })).toEqual({
      ok: true,
      country: "DE",
      evidence: { ip: "DE", declared: "DE", basis: "ip+declared" },
    });
  });

  it("lets the address stand for a missing declaration, and a declaration for an unknown address", () => {
    expect(decideCountry({ ip: "FR", declared: null })).toMatchObject({ ok: true, country: "FR" });
    expect(decideCountry({ ip: null, declared: "be" })).toMatchObject({
      ok: true,
      country: "BE",
      evidence: { basis: "declared" },
    });
    expect(decideCountry({ ip: null, declared: null })).toMatchObject({ ok: true, country: null });
  });

  it("asks the fan to confirm when the address and the declaration disagree and VAT depends on it", () => {
    expect(decideCountry({ ip: "ES", declared: "BE" })).toEqual({
      ok: false,
      reason: "confirm",
      ip: "ES",
      declared: "BE",
    });
    expect(decideCountry({ ip: "ES", declared: "US" })).toMatchObject({ ok: false, reason: "confirm" });
    expect(decideCountry({ ip: "US", declared: "FR" })).toMatchObject({ ok: false, reason: "confirm" });
    // Confirmed: the declaration stands, and the order says it was confirmed.
    expect(decideCountry({ ip: "ES", declared: "BE", confirmed: "BE" })).toMatchObject({
      ok: true,
      country: "BE",
      evidence: { confirmed: true, basis: "declared+confirmed" },
    });
    // A confirmation of another country does not count for this one.
    expect(decideCountry({ ip: "ES", declared: "BE", confirmed: "FR" })).toMatchObject({ ok: false });
    // Two countries without VAT: nothing to confirm.
    expect(decideCountry({ ip: "US", declared: "JP" })).toMatchObject({ ok: true, country: "JP" });
  });

  it("adds the card's country as a second piece when it agrees, and keeps it on record when not", () => {
    const declared = { ip: null, declared: "DE", basis: "declared" };
    expect(withCardCountry(declared, "DE", "de")).toEqual({ ...declared, card: "DE", basis: "declared+card" });
    expect(withCardCountry(declared, "DE", "AT")).toEqual({ ...declared, card: "AT" });
    expect(withCardCountry(declared, "DE", null)).toBe(declared);
  });
});
