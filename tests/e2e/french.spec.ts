import { expect, test } from "@playwright/test";
import { artifacts } from "./helpers";

test("a visitor switches to French and every page follows", async ({ page }) => {
  await page.goto("/demo-band");
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.getByTestId("locale-switcher").selectOption("fr");
  await expect(page.getByRole("link", { name: "Se connecter" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("heading", { name: "Sorties" })).toBeVisible();

  await page.goto("/signup");
  await expect(page.getByRole("heading", { name: "Créez votre compte" })).toBeVisible();
  await page.screenshot({ path: `${artifacts}/signup-fr.png` });
});

test.describe("with a French browser", () => {
  test.use({ locale: "fr-FR", extraHTTPHeaders: { "Accept-Language": "fr-FR,fr;q=0.9" } });

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
