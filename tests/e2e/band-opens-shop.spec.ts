import { expect, test } from "@playwright/test";
import { artifacts, pictureFile, uniqueId } from "./helpers";

test("a new user signs up, creates a band with a picture and sees its shop", async ({ page }) => {
  const id = uniqueId();
  await page.goto("/");
  await page.getByRole("link", { name: "Open a shop" }).first().click();
  await page.getByLabel("Your name").fill("Maya");
  await page.getByLabel("Email").fill(`maya-${id}@example.test`);
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page).toHaveURL(/\/onboarding$/);
  await page.getByLabel("Band or artist name").fill(`Les Étoiles ${id}`);
  await expect(page.getByLabel("Shop address")).toHaveValue(`les-etoiles-${id}`);
  await page.getByLabel("Location").fill("Marseille, France");
  await page.getByLabel("About").fill("Cosmic chanson from the south.");
  await page.getByLabel("Links").fill("https://www.instagram.com/lesetoiles");
  await page.getByLabel("Picture").setInputFiles(await pictureFile());
  await page.getByRole("button", { name: "Create my shop" }).click();

  await expect(page).toHaveURL(new RegExp(`/dashboard/les-etoiles-${id}$`));
  await expect(page.getByTestId("dashboard-title")).toContainText(`Les Étoiles ${id}`);

  await page.getByRole("link", { name: /View shop/ }).click();
  await expect(page).toHaveURL(new RegExp(`/les-etoiles-${id}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Les Étoiles ${id}`);
  await expect(page.getByText("Marseille, France")).toBeVisible();
  await expect(page.getByRole("link", { name: /Instagram/ })).toHaveAttribute(
    "href",
    "https://www.instagram.com/lesetoiles",
  );
  const avatar = page.getByRole("img", { name: `Les Étoiles ${id}` });
  await expect(avatar).toBeVisible();
  expect(await avatar.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(512);
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", `Les Étoiles ${id}`);
  await page.screenshot({ path: `${artifacts}/shop-page.png`, fullPage: true });
});

test("a new user signs in with a magic link from the dev outbox", async ({ page }) => {
  const email = `magic-${uniqueId()}@example.test`;
  await page.goto("/signin");
  await page.getByTestId("magic-link").getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a link" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();

  await page.goto("/dev/mail");
  const mail = page.getByTestId("dev-mail").filter({ hasText: email }).first();
  await expect(mail).toContainText("Your Merchtable sign-in link");
  await mail.getByRole("link", { name: /\/api\/auth\/callback\/email/ }).click();

  await expect(page).toHaveURL(/\/onboarding$/);
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);
});

test("the demo band's shop renders for anyone", async ({ page }) => {
  const response = await page.goto("/demo-band");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("The Demo Band");
  await expect(page.getByText("Lyon, France")).toBeVisible();
});

test("an unknown band gives a proper 404", async ({ page }) => {
  const response = await page.goto(`/no-such-band-${uniqueId()}`);
  expect(response?.status()).toBe(404);
  // The same neutral page as a suspended shop's, so neither tells which it is.
  await expect(page.getByRole("heading", { name: "This page is not available." })).toBeVisible();
});
