import { expect, test } from "@playwright/test";
import { createBandThroughOnboarding, seedUser, signInWithPassword, uniqueId } from "./helpers";

test("a second user cannot open the first band's back office", async ({ browser }) => {
  const first = await seedUser();
  const second = await seedUser();
  const ownerPage = await (await browser.newContext()).newPage();
  await signInWithPassword(ownerPage, first.email, first.password);
  const name = `Private ${uniqueId()}`;
  await createBandThroughOnboarding(ownerPage, name);
  const slug = new URL(ownerPage.url()).pathname.split("/")[2];

  const intruder = await (await browser.newContext()).newPage();
  await signInWithPassword(intruder, second.email, second.password);
  await expect(intruder).toHaveURL(/\/onboarding$/);
  for (const path of [`/dashboard/${slug}`, `/dashboard/${slug}/settings`, `/dashboard/${slug}/members`]) {
    const response = await intruder.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(intruder.getByText(name)).toHaveCount(0);
  }
  // The owner still gets in.
  expect((await ownerPage.goto(`/dashboard/${slug}/settings`))?.status()).toBe(200);
});

test("the dashboard asks strangers to sign in first", async ({ page }) => {
  await page.goto("/dashboard/demo-band/settings");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fdashboard%2Fdemo-band/);
});

test("repeated wrong passwords are slowed down with a clear message", async ({ page }) => {
  const user = await seedUser("the-real-password");
  for (let i = 0; i < 5; i++) {
    await signInWithPassword(page, user.email, `wrong-${i}`);
    await expect(page.getByText("Wrong email or password.")).toBeVisible();
  }
  await signInWithPassword(page, user.email, "the-real-password");
  await expect(page.getByText(/Too many failed attempts\. Try again in 15 minutes/)).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
});

test("a user with several bands switches between them", async ({ page }) => {
  const user = await seedUser();
  await signInWithPassword(page, user.email, user.password);
  const first = `First ${uniqueId()}`;
  await createBandThroughOnboarding(page, first);
  await page.getByTestId("artist-switcher").selectOption({ label: "+ Add a band" });
  const second = `Second ${uniqueId()}`;
  await createBandThroughOnboarding(page, second);
  await page.getByTestId("artist-switcher").selectOption({ label: first });
  await expect(page.getByTestId("dashboard-title")).toContainText(first);
});
