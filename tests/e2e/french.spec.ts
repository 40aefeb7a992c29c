import { expect, test } from "@playwright/test";
import { artifacts } from "./helpers";

test("a visitor switches to French and every page follows", async ({ page }) => {
  await page.goto("/demo-band");
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.getByTestId("locale-switcher").selectOption("fr");
  // A fan page's language is in its URL: the switch goes to the French address.
  await expect(page).toHaveURL(/\/fr\/demo-band$/);
  await expect(page.getByRole("link", { name: "Se connecter" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("heading", { name: "Sorties" })).toBeVisible();

  // Links between fan pages stay in French; the English address now leads to the French one.
  await page.getByTestId("release-card").first().click();
  await expect(page).toHaveURL(/\/fr\/demo-band\/[a-z0-9-]+$/);
  await page.goto("/demo-band");
  await expect(page).toHaveURL(/\/fr\/demo-band$/);

  await page.goto("/signup");
  await expect(page.getByRole("heading", { name: "Créez votre compte" })).toBeVisible();
  await page.screenshot({ path: `${artifacts}/signup-fr.png` });

  // Back to English: the switch remembers it, so the unprefixed address is English again.
  await page.goto("/fr/demo-band");
  await page.getByTestId("locale-switcher").selectOption("en");
  await expect(page).toHaveURL(/\/demo-band$/);
  await expect(page.getByRole("heading", { name: "Releases" })).toBeVisible();
});

test("each language has its own address, whatever the visitor's settings", async ({ page }) => {
  await page.goto("/fr/demo-band");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("heading", { name: "Sorties" })).toBeVisible();
  await page.goto("/demo-band");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { name: "Releases" })).toBeVisible();
  await page.goto("/fr");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  expect((await page.request.get("/fr/dashboard", { maxRedirects: 0 })).status()).toBe(404);
});

test.describe("with a French browser", () => {
  test.use({ locale: "fr-FR", extraHTTPHeaders: { "Accept-Language": "fr-FR,fr;q=0.9" } });

  test("a band's page sends a French browser to its French address", async ({ page }) => {
    await page.goto("/demo-band");
    await expect(page).toHaveURL(/\/fr\/demo-band$/);
    await expect(page.getByRole("heading", { name: "Sorties" })).toBeVisible();
  });

  test("the first visit is already in French, with French error messages", async ({ page }) => {
    await page.goto("/signin");
    await expect(page.getByRole("heading", { name: "Connexion" })).toBeVisible();
    const form = page.getByTestId("password-signin");
    await form.getByLabel("E-mail").fill("personne@example.test");
    await form.getByLabel("Mot de passe").fill("mauvais-mot-de-passe");
    await form.getByRole("button", { name: "Se connecter" }).click();
    await expect(page.getByText("E-mail ou mot de passe incorrect.")).toBeVisible();
  });
});
