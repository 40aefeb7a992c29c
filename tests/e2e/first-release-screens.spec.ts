import { expect, test, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { artists, releases, tracks } from "@/db/schema";
import { baseURL } from "@/playwright.config";
import { artifacts, createBandThroughOnboarding, seedUser, signInWithPassword, testDb, uniqueId } from "./helpers";

/** A signed-in band with a draft of two ready tracks, made in the database; only what is looked at goes through the browser. */
async function bandWithDraft(page: Page) {
  const user = await seedUser();
  await signInWithPassword(page, user.email, user.password);
  const name = `Saltmarsh ${uniqueId()}`;
  await createBandThroughOnboarding(page, name);
  const db = testDb();
  const [artist] = await db.select().from(artists).where(eq(artists.name, name));
  const [release] = await db
    .insert(releases)
    .values({ artistId: artist.id, slug: "tides", title: "Tides", currency: "EUR" })
    .returning();
  await db.insert(tracks).values(
    ["Ebb", "Flood"].map((title, i) => ({
      artistId: artist.id,
      releaseId: release.id,
      position: i + 1,
      title,
      masterKey: `none/${i}`,
      status: "ready" as const,
      durationMs: 3000,
    })),
  );
  return { artist, release, base: `/dashboard/${artist.slug}` };
}

test("a price error shows beside the field and the Save button, and goes away as soon as it is fixed", async ({
  page,
}) => {
  const { release, base } = await bandWithDraft(page);
  await page.goto(`${base}/releases/${release.id}`);
  // No price yet: said beside Publish, with a link down to the price.
  await page.getByTestId("price-needed").click();
  await expect(page).toHaveURL(/#price$/);
  const form = page.getByTestId("price-form");
  await form.getByRole("textbox", { name: /^Price/ }).fill("7");
  const each = form.getByRole("textbox", { name: /^Sell each track at/ });
  await each.fill("0");
  const save = form.getByRole("button", { name: "Save prices" });
  await save.click();
  await expect(form.getByTestId("error-trackPrice")).toHaveText(
    "A fixed price must be above 0. To give it away, choose Free.",
  );
  const status = form.getByTestId("price-status");
  await expect(status).toHaveText("Check the fields marked in red.");
  // Beside the button pressed, not at the top of the page.
  const [button, message] = [(await save.boundingBox())!, (await status.boundingBox())!];
  expect(Math.abs(button.y + button.height / 2 - (message.y + message.height / 2))).toBeLessThan(12);
  expect(message.x).toBeGreaterThan(button.x + button.width);
  await form.screenshot({ path: `${artifacts}/price-form-error.png` });

  // Typing a new amount clears the stale error before anything is sent again.
  await each.fill("1");
  await expect(form.getByTestId("error-trackPrice")).toHaveCount(0);
  await expect(status).toHaveCount(0);
  await save.click();
  await expect(status).toHaveText("Prices saved.");
  await expect(page.getByTestId("price-needed")).toHaveCount(0);
  const rows = await testDb()
    .select({ pricingMode: tracks.pricingMode, priceAmount: tracks.priceAmount })
    .from(tracks)
    .where(eq(tracks.releaseId, release.id));
  expect(rows).toEqual([
    { pricingMode: "fixed", priceAmount: 100 },
    { pricingMode: "fixed", priceAmount: 100 },
  ]);
  await expect(each).toHaveValue("1.00");
});

test("a refusal beside Publish goes away by itself once its cause is gone", async ({ page }) => {
  const { release, base } = await bandWithDraft(page);
  const db = testDb();
  await db.update(releases).set({ pricingMode: "fixed", priceAmount: 700 }).where(eq(releases.id, release.id));
  const [first] = await db.select().from(tracks).where(eq(tracks.releaseId, release.id)).limit(1);
  await db.update(tracks).set({ status: "processing" }).where(eq(tracks.id, first.id));
  await page.goto(`${base}/releases/${release.id}`);
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  const refusal = page.getByText("Some tracks are still converting. Publish when they are ready.");
  await expect(refusal).toBeVisible();
  // The track finishes converting: the page notices on its own, and the old refusal is not left standing.
  await db.update(tracks).set({ status: "ready" }).where(eq(tracks.id, first.id));
  await expect(page.getByTestId("track-status")).toHaveText(["Ready", "Ready"]);
  await expect(refusal).toHaveCount(0);
});

for (const { locale, width } of [
  { locale: "en", width: 1280 },
  { locale: "fr", width: 390 },
]) {
  test.describe(`the first-release pages in ${locale} at ${width} px`, () => {
    test.use({ viewport: { width, height: 900 } });

    test("overview, grouped menu, release page and embed builder", async ({ page, context }) => {
      const { release, base } = await bandWithDraft(page);
      // Signed up in English; the language switcher's cookie turns the back office French.
      if (locale === "fr") await context.addCookies([{ name: "NEXT_LOCALE", value: "fr", url: baseURL }]);
      await page.goto(base);
      const next = page.getByTestId("next-step");
      await expect(next).toContainText(
        locale === "fr" ? "Terminer et publier « Tides »" : "Finish and publish “Tides”",
      );
      expect((await next.boundingBox())!.y).toBeLessThan(width < 1024 ? 500 : 300);
      await page.screenshot({ path: `${artifacts}/first-overview-${locale}-${width}.png`, fullPage: true });

      const toggle = page.getByTestId("nav-toggle");
      if (width < 1024) {
        // One Menu button on a phone; the groups open under it.
        await expect(page.getByRole("link", { name: locale === "fr" ? "Commandes" : "Orders" })).toBeHidden();
        await toggle.click();
        await expect(page.getByRole("link", { name: locale === "fr" ? "Commandes" : "Orders" })).toBeVisible();
        await page.screenshot({ path: `${artifacts}/first-menu-${locale}-${width}.png` });
        await page
          .getByRole("link", { name: locale === "fr" ? "Sorties" : "Releases" })
          .first()
          .click();
        await expect(toggle).toHaveAttribute("aria-expanded", "false");
      } else {
        await expect(toggle).toBeHidden();
        const menu = page.getByRole("navigation", { name: "Dashboard" });
        for (const group of ["Music", "Sell", "Your site"])
          await expect(menu.getByText(group, { exact: true })).toBeVisible();
        await expect(menu.getByRole("link")).toHaveText([
          "Overview",
          "Releases",
          "Merch",
          "Orders",
          "Codes",
          "Discounts",
          "Subscription",
          "Shipping",
          "Payouts",
          "Fans",
          "News",
          "Embed",
          "Profile",
          "Members",
          "Plan",
          "Activity",
        ]);
      }

      await page.goto(`${base}/releases/${release.id}`);
      await expect(page.getByTestId("price-form")).toBeVisible();
      await page.screenshot({ path: `${artifacts}/first-release-${locale}-${width}.png`, fullPage: true });

      await page.goto(`${base}/embed`);
      await page.screenshot({ path: `${artifacts}/first-embed-${locale}-${width}.png`, fullPage: true });
    });
  });
}
