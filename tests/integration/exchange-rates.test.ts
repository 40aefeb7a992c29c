import { describe, expect, it, onTestFinished, vi } from "vitest";
import { GET as ratesRoute } from "@/app/api/rates/route";
import { GET } from "@/app/api/visitor/route";
import { readExchangeRates, saveExchangeRates } from "@/db/queries/exchange-rates";
import { exchangeRates } from "@/db/schema";
import { exchangeRatesStale, refreshExchangeRates } from "@/lib/jobs";
import { CHORES } from "@/lib/jobs/housekeeping";
import { ecbXml, startRatesStandIn } from "@/tests/support/ecb-xml";
import { useTestDb } from "@/tests/support/factories";

// One file for everything that writes exchange_rates: test files run in parallel on one database.
const db = useTestDb();
vi.mock("@/lib/auth", () => ({ currentUser: async () => null }));
const today = new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

async function standIn(body: string) {
  const server = await startRatesStandIn(body);
  onTestFinished(() => server.close());
  return server;
}

describe("the daily exchange rates", () => {
  it("fetches the ECB's XML from EXCHANGE_RATES_URL and stores each currency; the next day's answer replaces them", async () => {
    await db.delete(exchangeRates);
    expect(await exchangeRatesStale(db)).toBe(true);
    const server = await standIn(ecbXml(daysAgo(1), { USD: "1.0550", JPY: "163.42", GBP: "0.8301" }));
    expect(await refreshExchangeRates(db, server.url)).toEqual({ ok: true, date: daysAgo(1), currencies: 3 });
    expect(await readExchangeRates(db)).toEqual({
      date: daysAgo(1),
      perEuro: { USD: 1.055, JPY: 163.42, GBP: 0.8301 },
    });
    expect(await exchangeRatesStale(db)).toBe(false);

    server.answer.body = ecbXml(today, { USD: "1.06", JPY: "165" });
    expect(await refreshExchangeRates(db, server.url)).toMatchObject({ ok: true, date: today });
    // GBP was not quoted today: it keeps yesterday's row and is left out of today's table.
    expect(await readExchangeRates(db)).toEqual({ date: today, perEuro: { USD: 1.06, JPY: 165 } });
    expect(server.requests).toBe(2);
  });

  it("keeps the old rates on a 500, on garbage, on an HTML page, on an older day and when the source is unreachable", async () => {
    await db.delete(exchangeRates);
    const server = await standIn(ecbXml(today, { USD: "1.06", JPY: "165" }));
    await refreshExchangeRates(db, server.url);
    const before = await readExchangeRates(db);

    server.answer = { status: 500, body: "Internal Server Error" };
    expect(await refreshExchangeRates(db, server.url)).toEqual({ ok: false, reason: "The rates source answered 500." });
    server.answer = { status: 200, body: "%PDF-1.4 garbage \u0000\u0001" };
    expect(await refreshExchangeRates(db, server.url)).toMatchObject({
      ok: false,
      reason: expect.stringContaining("not the ECB"),
    });
    server.answer = { status: 200, body: "<html><body><Cube>maintenance</Cube></body></html>" };
    expect(await refreshExchangeRates(db, server.url)).toMatchObject({
      ok: false,
      reason: expect.stringContaining("date"),
    });
    server.answer = { status: 200, body: ecbXml(today, { USD: "abc" }) };
    expect(await refreshExchangeRates(db, server.url)).toMatchObject({
      ok: false,
      reason: expect.stringContaining("USD"),
    });
    // A stale copy (a cache on the way) is read but overwrites nothing newer.
    server.answer = { status: 200, body: ecbXml(daysAgo(5), { USD: "9.99", JPY: "999" }) };
    expect(await refreshExchangeRates(db, server.url)).toMatchObject({ ok: true, currencies: 0 });
    await server.close();
    expect(await refreshExchangeRates(db, server.url)).toMatchObject({
      ok: false,
      reason: expect.stringContaining("could not be reached"),
    });
    expect(await readExchangeRates(db)).toEqual(before);
    expect(await exchangeRatesStale(db)).toBe(false);
  });

  it("rates older than three days are stale: the workers' start then asks for new ones", async () => {
    await db.delete(exchangeRates);
    const server = await standIn(ecbXml(daysAgo(5), { JPY: "165" }));
    await refreshExchangeRates(db, server.url);
    expect(await readExchangeRates(db)).toMatchObject({ date: daysAgo(5) });
    expect(await exchangeRatesStale(db)).toBe(true);
    expect(await exchangeRatesStale(db, new Date(Date.parse(`${daysAgo(5)}T12:00:00Z`)))).toBe(false);
  });

  it("is a daily chore of the workers", () => {
    expect(CHORES.find((c) => c.queue === "exchange-rates")).toMatchObject({ cron: "5 16 * * *" });
  });
});

const table = { USD: 1.09, JPY: 164, GBP: 0.85 };

/** GET /api/visitor as lib/cli/server.ts hands it over: the decided client address in its own header. */
async function visitor(ip: string, acceptLanguage?: string) {
  const headers: Record<string, string> = { "x-merchtable-client-ip": ip };
  if (acceptLanguage) headers["accept-language"] = acceptLanguage;
  const response = await GET(new Request("http://localhost/api/visitor", { headers }));
  expect(response.headers.get("cache-control")).toBe("private, no-store");
  return (await response.json()) as Record<string, unknown>;
}

describe("/api/visitor tells the page where the visitor is and what they pay in", () => {
  it("a German address: Germany, VAT charged, the euro (the country wins over the browser's region), today's rates", async () => {
    await db.delete(exchangeRates);
    await saveExchangeRates(db, { date: today, perEuro: table });
    expect(await visitor("88.198.0.1", "ja-JP,ja;q=0.9")).toMatchObject({
      signedIn: false,
      cartCount: 0,
      country: "DE",
      vatCountry: true,
      currency: "EUR",
      rates: { date: today, perEuro: table },
    });
  });

  it("a US address: the United States, no VAT, the dollar", async () => {
    await db.delete(exchangeRates);
    await saveExchangeRates(db, { date: today, perEuro: table });
    expect(await visitor("8.8.8.8", "en-GB")).toMatchObject({
      country: "US",
      vatCountry: false,
      currency: "USD",
      rates: { date: today, perEuro: table },
    });
  });

  it("an unknown address: no country and no VAT note; the browser's region names the currency, or nothing does", async () => {
    await db.delete(exchangeRates);
    await saveExchangeRates(db, { date: today, perEuro: table });
    expect(await visitor("10.1.2.3", "ja-JP")).toMatchObject({ country: null, vatCountry: false, currency: "JPY" });
    // No currency to think in: no rates sent either.
    expect(await visitor("unknown", "fr")).toMatchObject({
      country: null,
      vatCountry: false,
      currency: null,
      rates: null,
    });
  });

  it("rates older than three days, or none at all, are not sent", async () => {
    await db.delete(exchangeRates);
    expect(await visitor("8.8.8.8")).toMatchObject({ currency: "USD", rates: null });
    await saveExchangeRates(db, { date: daysAgo(5), perEuro: table });
    expect(await visitor("8.8.8.8")).toMatchObject({ currency: "USD", rates: null });
  });
});

describe("/api/rates, the widgets' cookie-free rates", () => {
  it("is the same for everyone and may be cached an hour; it is empty when the rates are stale", async () => {
    await db.delete(exchangeRates);
    await saveExchangeRates(db, { date: today, perEuro: table });
    const response = await ratesRoute();
    expect(response.headers.get("cache-control")).toBe(
      "public, max-age=3600, s-maxage=3600, stale-while-revalidate=600",
    );
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(await response.json()).toEqual({ rates: { date: today, perEuro: table } });
    await db.delete(exchangeRates);
    await saveExchangeRates(db, { date: daysAgo(5), perEuro: table });
    expect(await (await ratesRoute()).json()).toEqual({ rates: null });
  });
});
