import { describe, expect, it } from "vitest";
import {
  COUNTRY_CODES,
  countryName,
  countryOptions,
  currentCountryCode,
  isCountryCode,
  WITHDRAWN_COUNTRY_CODES,
} from "@/lib/countries";

const WITHDRAWN = [
  "DD",
  "FX",
  "UK",
  "SU",
  "CS",
  "YU",
  "ZR",
  "TP",
  "AN",
  "BU",
  "NH",
  "RH",
  "VD",
  "YD",
  "DY",
  "HV",
  "EU",
  "EZ",
  "UN",
  "ZZ",
];

describe("the country list", () => {
  it("offers current ISO 3166-1 codes only", () => {
    for (const code of WITHDRAWN) expect(COUNTRY_CODES, code).not.toContain(code);
    for (const code of ["DE", "FR", "GB", "RS", "SS", "CW", "TL", "CD", "ME"])
      expect(COUNTRY_CODES, code).toContain(code);
    // Kosovo has a user-assigned code; the package lists it, and so do we (it is in the Europe zone).
    expect(COUNTRY_CODES).toContain("XK");
    expect(COUNTRY_CODES.length).toBeGreaterThanOrEqual(249);
  });

  it.each(["en", "fr"])("names each country once in %s, and every one of them", (locale) => {
    const options = countryOptions(locale);
    expect(options.map((o) => o.code).sort()).toEqual([...COUNTRY_CODES]);
    const names = options.map((o) => o.name);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
    for (const o of options) expect(o.name).not.toBe(o.code);
  });

  it("sorts by the name as the visitor reads it", () => {
    const en = countryOptions("en").map((o) => o.name);
    const fr = countryOptions("fr-FR").map((o) => o.name);
    expect(en.indexOf("Germany")).toBeLessThan(en.indexOf("Greece"));
    expect(fr.indexOf("Allemagne")).toBeLessThan(fr.indexOf("Belgique"));
    // Accents sort with their letter: "Égypte" among the E's, not after Z.
    expect(fr.indexOf("Égypte")).toBeLessThan(fr.indexOf("Espagne"));
  });
});

describe("a stored code", () => {
  it("is shown by its name in English or French", () => {
    expect(countryName("DE", "en")).toBe("Germany");
    expect(countryName("DE", "fr")).toBe("Allemagne");
    expect(countryName("GB", "fr-CA")).toBe("Royaume-Uni");
  });

  it("withdrawn, is shown as the country it stood for; unknown, as itself", () => {
    expect(countryName("UK", "en")).toBe("United Kingdom");
    expect(countryName("DD", "fr")).toBe("Allemagne");
    expect(countryName("YU", "en")).toBe("Serbia");
    expect(countryName("QQ", "en")).toBe("QQ");
    expect(currentCountryCode("fx")).toBe("FR");
    expect(currentCountryCode("QQ")).toBeNull();
    expect(currentCountryCode(null)).toBeNull();
    for (const [old, current] of Object.entries(WITHDRAWN_COUNTRY_CODES)) {
      expect(isCountryCode(old), old).toBe(false);
      expect(isCountryCode(current), current).toBe(true);
    }
  });
});
