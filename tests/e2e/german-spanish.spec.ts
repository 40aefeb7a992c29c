import { expect, test, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { orders } from "@/db/schema";
import { DEMO } from "@/db/seed";
import { baseURL } from "@/playwright.config";
import { artifacts, signInWithPassword, testDb, uniqueId } from "./helpers";

/** The demo band (seeded before the run): "First Light" at €7 and its CD at €12. */
const SHOP = "/demo-band";

const switcherOptions = (page: Page) =>
  page
    .getByTestId("locale-switcher")
    .locator("option")
    .evaluateAll((options) => options.map((option) => [(option as HTMLOptionElement).value, option.textContent]));

test.describe("with a German browser", () => {
  test.use({ locale: "de-DE", extraHTTPHeaders: { "Accept-Language": "de-DE,de;q=0.9,en;q=0.5" } });

  test("a German fan lands on German pages, switches to Spanish and every fan page follows", async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto(SHOP);
    await expect(page).toHaveURL(/\/de\/demo-band$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await expect(page.getByRole("heading", { name: "Veröffentlichungen" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Anmelden" })).toBeVisible();
    // Every language, each in its own name.
    expect(await switcherOptions(page)).toEqual([
      ["en", "English"],
      ["fr", "Français"],
      ["de", "Deutsch"],
      ["es", "Español"],
    ]);
    await page.screenshot({ path: `${artifacts}/shop-de.png`, fullPage: true });

    await page.getByTestId("release-card").first().click();
    await expect(page).toHaveURL(/\/de\/demo-band\/[a-z0-9-]+$/);
    await expect(page.getByTestId("release-price")).toHaveText("7,00 €");
    await expect(page.getByRole("heading", { name: "Download-Formate" })).toBeVisible();
    await page.screenshot({ path: `${artifacts}/release-de.png`, fullPage: true });
    await page.getByTestId("physical-edition").getByRole("button", { name: "In den Warenkorb" }).click();
    await expect(page).toHaveURL(/\/de\/demo-band\/cart$/);
    await expect(page.getByRole("heading", { name: "Dein Warenkorb" })).toBeVisible();
    await expect(page.getByTestId("cart-line")).toHaveCount(1);
    await page.getByLabel("Lieferland").selectOption("DE");
    await expect(page.getByTestId("cart-shipping")).toContainText("€");
    await page.screenshot({ path: `${artifacts}/cart-de.png`, fullPage: true });

    // Spanish from here on: the cart moves to its Spanish address, and so does every fan page.
    await page.getByTestId("locale-switcher").selectOption("es");
    await expect(page).toHaveURL(/\/es\/demo-band\/cart$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expect(page.getByRole("heading", { name: "Tu carrito" })).toBeVisible();
    await expect(page.getByTestId("cart-line")).toHaveCount(1);
    await page.goto(SHOP);
    await expect(page).toHaveURL(/\/es\/demo-band$/);
    await expect(page.getByRole("heading", { name: "Lanzamientos" })).toBeVisible();
    await page.getByTestId("release-card").first().click();
    await expect(page).toHaveURL(/\/es\/demo-band\/[a-z0-9-]+$/);
    await expect(page.getByRole("heading", { name: "Formatos de descarga" })).toBeVisible();
    await page.screenshot({ path: `${artifacts}/release-es.png`, fullPage: true });
    // Fan pages with one address follow the choice too.
    await page.goto("/library");
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expect(page.getByRole("heading", { name: "Tu biblioteca" })).toBeVisible();
    await page.goto("/es/pricing");
    await expect(page.getByRole("heading", { name: "Planes y precios" })).toBeVisible();
  });

  test("a band member who chose German on the shop sees the dashboard in English, with English and French on offer", async ({
    page,
  }) => {
    // The explicit choice (cookie), not only the browser's.
    await page.goto("/es/demo-band");
    await page.getByTestId("locale-switcher").selectOption("de");
    await expect(page).toHaveURL(/\/de\/demo-band$/);
    await signInWithPassword(page, DEMO.email, DEMO.password);
    await expect(page).toHaveURL(/\/dashboard/);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    expect(await switcherOptions(page)).toEqual([
      ["en", "English"],
      ["fr", "Français"],
    ]);
    await expect(page.getByTestId("locale-switcher")).toHaveValue("en");
    await expect(page.getByRole("main").getByRole("heading").first()).toBeVisible();
    await page.screenshot({ path: `${artifacts}/dashboard-de-browser.png` });
    // French chosen on the dashboard: the back office follows, and so do the fan pages.
    await page.getByTestId("locale-switcher").selectOption("fr");
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await page.goto(SHOP);
    await expect(page).toHaveURL(/\/fr\/demo-band$/);
  });
});

test.describe("with a Mexican Spanish browser", () => {
  test.use({ locale: "es-MX", extraHTTPHeaders: { "Accept-Language": "es-MX,es;q=0.9" } });

  test("the band's page is in Spanish at its Spanish address", async ({ page }) => {
    await page.goto(SHOP);
    await expect(page).toHaveURL(/\/es\/demo-band$/);
    await expect(page.getByRole("heading", { name: "Lanzamientos" })).toBeVisible();
  });

  test("a Spanish fan pays on the test page, is thanked and mailed in Spanish, and downloads in Spanish", async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const email = `es-fan-${uniqueId()}@example.test`;
    await page.goto(`${SHOP}/first-light`);
    await expect(page).toHaveURL(/\/es\/demo-band\/first-light$/);
    await page.getByTestId("buy-panel").getByRole("button", { name: "Comprar ahora" }).first().click();
    await expect(page.getByRole("heading", { name: "Tu carrito" })).toBeVisible();
    await page
      .getByTestId("checkout-form")
      .getByLabel(/Correo para el recibo/)
      .fill(email);
    await page.getByTestId("checkout-form").getByRole("button", { name: /Pagar/ }).click();
    await expect(page.getByTestId("test-banner")).toContainText("No se mueve dinero");
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await page.screenshot({ path: `${artifacts}/test-payment-es.png`, fullPage: true });
    await page.getByRole("button", { name: "Pagar 7,00 € (prueba)" }).click();
    await expect(page.getByRole("heading", { name: "¡Gracias!" })).toBeVisible();
    await page.screenshot({ path: `${artifacts}/checkout-success-es.png`, fullPage: true });

    const [order] = await testDb().select().from(orders).where(eq(orders.email, email));
    expect(order).toMatchObject({ status: "paid", locale: "es" });
    await page.goto("/dev/mail");
    const mail = page
      .getByTestId("dev-mail")
      .filter({ has: page.getByTestId("dev-mail-to").getByText(email, { exact: true }) })
      .first();
    await expect(mail).toContainText("Tu compra a The Demo Band");
    await mail.getByRole("link", { name: /\/download\// }).click();
    await expect(page.getByRole("heading", { name: "First Light" })).toBeVisible();
    await expect(page.getByText("Elige un formato y descarga.")).toBeVisible();
    await page.screenshot({ path: `${artifacts}/download-es.png`, fullPage: true });
  });
});

test("/de/<band> and /es/<band> are shared copies with their own language and every language's address", async ({
  request,
}) => {
  for (const lang of ["de", "es"]) {
    const path = `/${lang}${SHOP}`;
    await request.get(path);
    const response = await request.get(path, { headers: { "Accept-Language": "en" } });
    expect(response.status()).toBe(200);
    expect(["HIT", "STALE"]).toContain(response.headers()["x-cache"]);
    const html = await response.text();
    expect(html).toContain(`<html lang="${lang}"`);
    for (const other of ["fr", "de", "es"])
      expect(html).toContain(`<link rel="alternate" hrefLang="${other}" href="${baseURL}/${other}${SHOP}"/>`);
    expect(html).toContain(`<link rel="alternate" hrefLang="x-default" href="${baseURL}${SHOP}"/>`);
    expect(html).toContain(`<link rel="canonical" href="${baseURL}${path}"/>`);
  }
  expect((await request.get("/de/dashboard", { maxRedirects: 0 })).status()).toBe(404);
  const missing = await request.get("/es/no-such-band-here");
  expect(missing.status()).toBe(404);
  expect(await missing.text()).toContain("Aquí no hay nada");
  const sitemap = await (await request.get("/sitemap.xml")).text();
  const files = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
  const urls = files[0]?.endsWith(".xml")
    ? (await Promise.all(files.map(async (file) => (await request.get(file)).text()))).join("")
    : sitemap;
  expect(urls).toContain(`<loc>${baseURL}/de${SHOP}</loc>`);
  expect(urls).toContain(`<loc>${baseURL}/es${SHOP}</loc>`);
});
