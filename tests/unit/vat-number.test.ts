import { describe, expect, it } from "vitest";
import { checkVatNumber, defaultVatMention, parseVatRatePercent } from "@/lib/vat";

describe("a band's VAT number", () => {
  // One well-shaped number per prefix (the shapes VIES and HMRC publish).
  const valid: Record<string, string> = {
    AT: "ATU12345678", BE: "BE0123456789", BG: "BG123456789", CY: "CY12345678L", CZ: "CZ12345678",
    DE: "DE123456789", DK: "DK12345678", EE: "EE123456789", EL: "EL123456789", ES: "ESA1234567B",
    FI: "FI12345678", FR: "FR12345678901", HR: "HR12345678901", HU: "HU12345678", IE: "IE1234567WA",
    IT: "IT12345678901", LT: "LT123456789012", LU: "LU12345678", LV: "LV12345678901", MT: "MT12345678",
    NL: "NL123456789B01", PL: "PL1234567890", PT: "PT123456789", RO: "RO1234567", SE: "SE123456789001",
    SI: "SI12345678", SK: "SK1234567890", XI: "XI123456789", GB: "GB123456789012",
  }; // prettier-ignore

  for (const [prefix, number] of Object.entries(valid)) {
    it(`accepts a ${prefix} number`, () => {
      expect(checkVatNumber(number)).toEqual({ ok: true, number, prefix });
    });
  }

  it("is typed as people type it: spaces, dots, dashes and lower case are tidied", () => {
    expect(checkVatNumber(" fr 12 345 678 901 ")).toEqual({ ok: true, number: "FR12345678901", prefix: "FR" });
    expect(checkVatNumber("de-123.456.789")).toMatchObject({ ok: true, number: "DE123456789" });
    expect(checkVatNumber("GB GD123")).toMatchObject({ ok: true, number: "GBGD123" });
  });

  it("refuses a number of the wrong length or shape for its country", () => {
    for (const bad of [
      "FR1234567890",
      "DE12345678",
      "ATU1234567",
      "AT12345678",
      "NL123456789A01",
      "BE2123456789",
      "ES12345678",
      "SE1234567890",
      "XI12345",
      "EL12345678",
      "CY123456789",
      "FRIO123456789",
    ])
      // prettier-ignore
      expect(checkVatNumber(bad), bad).toMatchObject({ ok: false, reason: "format" });
  });

  it("asks for the country prefix and tells a Greek band its prefix is EL", () => {
    expect(checkVatNumber("123456789")).toEqual({ ok: false, reason: "no_prefix" });
    expect(checkVatNumber("US123456789")).toEqual({ ok: false, reason: "no_prefix" });
    expect(checkVatNumber("GR123456789")).toEqual({ ok: false, reason: "greece_is_el", prefix: "GR" });
    expect(checkVatNumber("  ")).toEqual({ ok: false, reason: "empty" });
  });
});

describe("the rate a registered band charges on goods", () => {
  it("reads a percentage with up to two decimals, point or comma, in basis points", () => {
    expect(parseVatRatePercent("20")).toBe(2000);
    expect(parseVatRatePercent("5.5")).toBe(550);
    expect(parseVatRatePercent("25,5")).toBe(2550);
    expect(parseVatRatePercent("8.25 %")).toBe(825);
    expect(parseVatRatePercent("0")).toBe(0);
    expect(parseVatRatePercent("27")).toBe(2700);
  });

  it("refuses more than 27 %, negatives, three decimals and words", () => {
    for (const bad of ["27.01", "30", "-5", "5.555", "twenty", "", "1e1", "20.", ".5"])
      expect(parseVatRatePercent(bad), bad).toBeNull();
  });
});

describe("the mention a band not registered prints", () => {
  it("is the French franchise's for a French band, plain English elsewhere", () => {
    expect(defaultVatMention("FR")).toBe("TVA non applicable, art. 293 B du CGI");
    expect(defaultVatMention("DE")).toMatch(/not registered for VAT/);
    expect(defaultVatMention(null)).toMatch(/not registered for VAT/);
  });
});
