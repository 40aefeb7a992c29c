import { describe, expect, it } from "vitest";
import {
  approximatePrice,
  convert,
  currencyOfCountry,
  formatApproximate,
  freshRates,
  parseEcbRates,
  regionOfAcceptLanguage,
  visitorCurrency,
  type Rates,
} from "@/lib/fx";
import { ecbXml } from "@/tests/support/ecb-xml";

const rates: Rates = { date: "2026-12-02", perEuro: { USD: 1.09, JPY: 164, GBP: 0.85, CHF: 0.94 } };
const noon = (day: string) => new Date(`${day}T12:00:00Z`);

describe("reading the ECB's daily XML", () => {
  it("reads the date and every currency's rate per euro", () => {
    const parsed = parseEcbRates(ecbXml("2026-12-02", { USD: "1.0550", JPY: "163.42", GBP: "0.83010" }));
    expect(parsed).toEqual({
      ok: true,
      rates: { date: "2026-12-02", perEuro: { USD: 1.055, JPY: 163.42, GBP: 0.8301 } },
    });
  });

  it("reads double quotes and a compact file too", () => {
    const xml = `<Envelope><Cube><Cube time="2026-01-05"><Cube currency="usd" rate="1.1"/></Cube></Cube></Envelope>`;
    expect(parseEcbRates(xml)).toEqual({ ok: true, rates: { date: "2026-01-05", perEuro: { USD: 1.1 } } });
  });

  it("refuses garbage, an HTML error page, a missing date, no currencies and a non-positive rate, in words", () => {
    for (const [body, words] of [
      ["", "not the ECB"],
      ["<html><body>Service unavailable</body></html>", "not the ECB"],
      ["<Cube><Cube currency='USD' rate='1.1'/></Cube>", "date"],
      ["<Cube><Cube time='2026-12-02'></Cube></Cube>", "no currency"],
      [ecbXml("2026-12-02", { USD: "0" }), "USD"],
      [ecbXml("2026-12-02", { USD: "-1.2" }), "USD"],
      [ecbXml("2026-12-02", { USD: "1e3" }), "USD"],
      [ecbXml("2026-13-45", { USD: "1.1" }), "date"],
    ] as const) {
      const parsed = parseEcbRates(body);
      expect(parsed.ok, body).toBe(false);
      if (!parsed.ok) expect(parsed.reason).toContain(words);
    }
  });
});

describe("the visitor's currency", () => {
  it("follows the country: euro area, Japan, the UK, Switzerland; nothing for a country the ECB does not quote", () => {
    expect(currencyOfCountry("DE")).toBe("EUR");
    expect(currencyOfCountry("jp")).toBe("JPY");
    expect(currencyOfCountry("GB")).toBe("GBP");
    expect(currencyOfCountry("CH")).toBe("CHF");
    expect(currencyOfCountry("AR")).toBeNull();
    expect(currencyOfCountry(null)).toBeNull();
    expect(currencyOfCountry("toString")).toBeNull();
  });

  it("else follows the browser's language region, by preference; a bare language names no country", () => {
    expect(regionOfAcceptLanguage("ja-JP,ja;q=0.9,en;q=0.8")).toBe("JP");
    expect(regionOfAcceptLanguage("en;q=0.5,pt-BR;q=0.9")).toBe("BR");
    expect(regionOfAcceptLanguage("fr,de")).toBeNull();
    expect(regionOfAcceptLanguage("not a tag!!,*")).toBeNull();
    expect(visitorCurrency(null, "ja-JP")).toBe("JPY");
    expect(visitorCurrency("US", "ja-JP")).toBe("USD");
    expect(visitorCurrency(null, null)).toBeNull();
  });
});

describe("converting and showing an approximate price", () => {
  it("converts through the euro, in each currency's minor units", () => {
    expect(convert(500, "EUR", "JPY", rates)).toBe(820);
    expect(convert(1000, "EUR", "USD", rates)).toBe(1090);
    expect(convert(1090, "USD", "EUR", rates)).toBe(1000);
    expect(convert(1000, "GBP", "USD", rates)).toBe(1282);
    expect(convert(820, "JPY", "EUR", rates)).toBe(500);
    expect(convert(700, "EUR", "EUR", rates)).toBe(700);
    expect(convert(700, "EUR", "BRL", rates)).toBeNull();
  });

  it("writes ≈ with the currency's sign, dropping cents from 100 up", () => {
    expect(formatApproximate(820, "JPY", "en")).toBe("≈ ¥820");
    expect(formatApproximate(1090, "USD", "en")).toBe("≈ US$10.90");
    expect(formatApproximate(12_345, "USD", "en")).toBe("≈ US$123");
    expect(formatApproximate(1090, "USD", "fr")).toBe("≈ 10,90\u00a0$US");
    expect(formatApproximate(1282, "CAD", "en")).toBe("≈ CA$12.82");
  });

  it("shows nothing in the price's own currency, without rates, with rates older than 3 days or an unknown currency", () => {
    const base = { amount: 500, currency: "EUR", visitorCurrency: "JPY", rates, locale: "en" };
    expect(approximatePrice({ ...base, now: noon("2026-12-02") })).toBe("≈ ¥820");
    // Friday's rates still serve on Monday morning; past three days after their day, they do not.
    expect(approximatePrice({ ...base, now: new Date("2026-12-05T23:59:00Z") })).toBe("≈ ¥820");
    expect(approximatePrice({ ...base, now: new Date("2026-12-06T00:01:00Z") })).toBeNull();
    expect(approximatePrice({ ...base, visitorCurrency: "EUR", now: noon("2026-12-02") })).toBeNull();
    expect(approximatePrice({ ...base, visitorCurrency: null, now: noon("2026-12-02") })).toBeNull();
    expect(approximatePrice({ ...base, rates: null, now: noon("2026-12-02") })).toBeNull();
    expect(approximatePrice({ ...base, visitorCurrency: "BRL", now: noon("2026-12-02") })).toBeNull();
    expect(freshRates({ date: "garbage", perEuro: {} }, noon("2026-12-02"))).toBeNull();
  });
});
