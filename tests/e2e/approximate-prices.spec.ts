import { expect, test } from "@playwright/test";
import { and, eq, sql } from "drizzle-orm";
import { artists, exchangeRates, releases } from "@/db/schema";
import { refreshExchangeRates } from "@/lib/jobs/exchange-rates";
import { ecbXml, startRatesStandIn } from "@/tests/support/ecb-xml";
import { artifacts, testDb } from "./helpers";

/**
 * A fan abroad sees roughly what a euro price is in their own money, beside it, never instead of
 * it: the cached release page is the same for everyone, /api/visitor brings this visitor's
 * currency and the day's reference rates (stored by the rates job from a stand-in of the ECB).
 */
const RELEASE = "/demo-band/first-light";
const today = new Date().toISOString().slice(0, 10);

test.afterEach(async () => {
  // Other browser tests read euro prices without hints.
  await testDb().delete(exchangeRates);
});

test("a visitor whose browser is ja-JP sees ≈ yen beside the euro price; with stale rates, nothing", async ({
  browser,
}) => {
  const db = testDb();
  const standIn = await startRatesStandIn(ecbXml(today, { USD: "1.0900", JPY: "164.00", GBP: "0.8500" }));
  try {
    expect(await refreshExchangeRates(db, standIn.url)).toMatchObject({ ok: true, currencies: 3 });
  } finally {
    await standIn.close();
  }

  const context = await browser.newContext({ locale: "ja-JP" });
  const page = await context.newPage();
  const answered = page.waitForResponse((response) => response.url().includes("/api/visitor"));
  await page.goto(RELEASE);
  await answered;
  // €7 at 164 yen to the euro; the charge itself stays in euros.
  await expect(page.getByTestId("release-price")).toHaveText("€7.00");
  await expect(page.getByTestId("release-price-hint").getByTestId("approximate-price")).toHaveText("≈ ¥1,148");
  await expect(page.getByTestId("single-track").first().getByTestId("approximate-price")).toHaveText("≈ ¥164");
  await expect(page.getByTestId("physical-edition").first().getByTestId("approximate-price")).toHaveText("≈ ¥1,968");
  // From a loopback address the country is unknown: no VAT note.
  await expect(page.getByTestId("incl-vat")).toHaveCount(0);
  await page.getByTestId("buy-panel").screenshot({ path: `${artifacts}/approximate-prices-release.png` });

  // The copy the page cache served holds no visitor's currency.
  const shared = await (await context.request.get(RELEASE)).text();
  expect(shared).not.toContain("≈");

  await db.update(exchangeRates).set({ rateDate: sql`current_date - 5` });
  const again = page.waitForResponse((response) => response.url().includes("/api/visitor"));
  await page.reload();
  await again;
  await expect(page.getByTestId("release-price")).toHaveText("€7.00");
  await expect(page.getByTestId("approximate-price")).toHaveCount(0);
  await context.close();
});

test("a widget on another site shows ≈ yen beside its euro price for a ja-JP browser, from the cookie-free rates", async ({
  browser,
}) => {
  const db = testDb();
  await db.delete(exchangeRates);
  await db.insert(exchangeRates).values([
    { currency: "JPY", perEuro: 164, rateDate: today },
    { currency: "USD", perEuro: 1.09, rateDate: today },
  ]);
  const [release] = await db
    .select({ id: releases.id })
    .from(releases)
    .innerJoin(artists, eq(artists.id, releases.artistId))
    .where(and(eq(artists.slug, "demo-band"), eq(releases.slug, "first-light")));

  const context = await browser.newContext({ locale: "ja-JP" });
  const page = await context.newPage();
  const rates = page.waitForResponse((response) => response.url().endsWith("/api/rates"));
  await page.goto(`/embed/buy/${release.id}?lang=en`);
  const answer = await rates;
  expect(answer.headers()["cache-control"]).toContain("public");
  expect(answer.headers()["set-cookie"]).toBeUndefined();
  await expect(page.getByTestId("embed-approximate")).toHaveText("≈ ¥1,148");
  await expect(page.getByTestId("embed-widget")).toContainText("€7.00");
  await page.getByTestId("embed-widget").screenshot({ path: `${artifacts}/approximate-prices-widget.png` });

  // A visitor whose browser names no other currency asks for no rates at all.
  const french = await browser.newContext({ locale: "fr-FR" });
  const frPage = await french.newPage();
  let asked = false;
  frPage.on("request", (request) => {
    if (request.url().includes("/api/rates")) asked = true;
  });
  await frPage.goto(`/embed/buy/${release.id}?lang=en`);
  await expect(frPage.getByTestId("embed-widget")).toContainText("€7.00");
  await frPage.waitForLoadState("networkidle");
  expect(asked).toBe(false);
  await expect(frPage.getByTestId("embed-approximate")).toHaveCount(0);
  await context.close();
  await french.close();
});
