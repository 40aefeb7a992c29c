import { copyFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { and, desc, eq } from "drizzle-orm";
import { artists, fanSubscriptions, outboxEmails, subscriptionOffers, tracks } from "@/db/schema";
import { makeAudioDir, tone } from "@/tests/support/audio-fixtures";
import { artifacts, seedFreeBand, signInWithPassword, testDb, uniqueId } from "./helpers";

/**
 * seedFreeBand's band moved to Pro, with an offer (€5 a month, €48 a year) and a real FLAC master
 * (made here with ffmpeg, put where the app's local storage reads it) for the release it has
 * ready to publish, so the subscriber's download is a real one.
 */
async function seedSubscriptionBand() {
  const db = testDb();
  const { user: owner, artist, second: next } = await seedFreeBand();
  await db.update(artists).set({ plan: "pro" }).where(eq(artists.id, artist.id));
  await db.insert(subscriptionOffers).values({
    artistId: artist.id,
    currency: "EUR",
    monthlyAmount: 500,
    yearlyAmount: 4800,
    description: "Demos, live sets and every record we make.",
    active: true,
  });
  const [track] = await db.select().from(tracks).where(eq(tracks.releaseId, next.id));
  const storage = process.env.STORAGE_DIR;
  if (!storage || !track.masterKey) throw new Error("npm test sets STORAGE_DIR for the app under test");
  mkdirSync(path.join(storage, path.dirname(track.masterKey)), { recursive: true });
  copyFileSync(tone(makeAudioDir(), "master", "flac", 3), path.join(storage, track.masterKey));
  return { owner, artist, next };
}

/** axe (WCAG 2.1 AA) as tests/e2e/accessibility.spec.ts runs it: no serious or critical violation. */
async function accessible(page: Page) {
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect.soft(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/**
 * A link from the newest mail to `to` with this subject, read from the outbox (what /dev/mail
 * shows): straight from the table, as /dev/mail lists only the newest fifty of a shared database.
 */
async function linkInMail(to: string, subject: string, href: RegExp) {
  let link: string | undefined;
  await expect
    .poll(async () => {
      const mails = await testDb()
        .select()
        .from(outboxEmails)
        .where(and(eq(outboxEmails.to, to), eq(outboxEmails.subject, subject)))
        .orderBy(desc(outboxEmails.createdAt));
      link = mails[0]?.text.match(/https?:\/\/\S+/g)?.find((url) => href.test(url));
      return link;
    })
    .toBeTruthy();
  return link!;
}

test("a fan subscribes with test payments, the band publishes a release, the fan downloads it from the library", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const { owner, artist, next } = await seedSubscriptionBand();
  const fan = `subscriber-${uniqueId()}@example.test`;

  // The fan finds the offer on the shop.
  await page.goto(`/${artist.slug}`);
  await page.getByTestId("subscribe-link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Subscribe to ${artist.name}`);
  await expect(page.getByText("Demos, live sets and every record we make.")).toBeVisible();
  await page.getByLabel("€5.00 a month").check();
  await page.getByLabel("Your e-mail address").fill("not-an-address");
  await page.getByLabel("Your e-mail address").evaluate((input: HTMLInputElement) => (input.type = "text"));
  await page.getByRole("button", { name: "Subscribe" }).click();
  await expect(page.getByText("Enter a valid e-mail address, like name@example.com.")).toBeVisible();
  await page.getByLabel("Your e-mail address").fill(fan);
  await page.screenshot({ path: `${artifacts}/fan-subscribe.png`, fullPage: true });
  await accessible(page);
  await page.getByRole("button", { name: "Subscribe" }).click();
  await expect(page.getByTestId("test-fan-checkout")).toContainText("Test payments: no money moves.");
  await page.screenshot({ path: `${artifacts}/fan-subscribe-checkout.png`, fullPage: true });
  await accessible(page);
  await page.getByRole("button", { name: "Pay €5.00" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your subscription is on" })).toBeVisible();
  const [sub] = await testDb().select().from(fanSubscriptions).where(eq(fanSubscriptions.email, fan));
  expect(sub).toMatchObject({ status: "active", provider: "test", amount: 500, currency: "EUR" });
  await linkInMail(fan, `You are subscribed to ${artist.name}`, /\/library/);

  // The band sees its subscriber, then publishes the next record.
  const bandContext = await browser.newContext();
  const band = await bandContext.newPage();
  await signInWithPassword(band, owner.email, owner.password);
  await expect(band).toHaveURL(new RegExp(`/dashboard/${artist.slug}$`));
  await band.goto(`/dashboard/${artist.slug}/subscription`);
  await expect(band.getByTestId("figures-EUR")).toContainText("€5.00");
  // A price under the minimum is refused with the limit, and the typed value stays.
  const offer = band.getByTestId("offer-form");
  await offer.getByLabel("Monthly price (EUR)").fill("0.10");
  await offer.getByRole("button", { name: "Save" }).click();
  await expect(offer.getByText("That is below the minimum of €1.00.")).toBeVisible();
  await expect(offer.getByLabel("Monthly price (EUR)")).toHaveValue("0.10");
  const [kept] = await testDb().select().from(subscriptionOffers).where(eq(subscriptionOffers.artistId, artist.id));
  expect(kept.monthlyAmount).toBe(500);
  await offer.getByLabel("Monthly price (EUR)").fill("5");
  await offer.getByRole("button", { name: "Save" }).click();
  await expect(offer.getByTestId("offer-status")).toHaveText("Saved.");
  await expect(offer.getByLabel("Monthly price (EUR)")).toHaveValue("5.00");
  await band.screenshot({ path: `${artifacts}/fan-subscriptions-dashboard.png`, fullPage: true });
  await accessible(band);
  await band.goto(`/dashboard/${artist.slug}/releases/${next.id}`);
  await band.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(band.getByTestId("release-status")).toContainText("Published");
  await bandContext.close();

  // The fan signs in to the library with the e-mailed link and finds it there.
  await page.goto("/library");
  const signIn = page.getByTestId("library-link-form");
  await signIn.getByLabel("Email address").fill(fan);
  await signIn.getByRole("button", { name: "Email me a link" }).click();
  await expect(page.getByTestId("library-link-sent")).toBeVisible();
  const open = await linkInMail(fan, "Your Merchtable library", /\/library\/open\?token=/);
  await page.goto(open);
  await page.getByRole("button", { name: "Open my library" }).click();
  await expect(page).toHaveURL(/\/library$/);
  const card = page.getByTestId("library-subscription");
  await expect(card).toContainText(artist.name);
  await expect(card).toContainText("Active");
  await expect(card.getByTestId("library-subscription-note")).toContainText("Renews on");
  const entry = page.getByTestId("library-entry").filter({ hasText: artist.name });
  await expect(entry.getByTestId("library-entry-title")).toHaveText("Second Album");
  await page.screenshot({ path: `${artifacts}/fan-subscriptions-library.png`, fullPage: true });
  await accessible(page);

  await entry.getByRole("link").first().click();
  const item = page.getByTestId("download-item");
  await expect(item.getByTestId("download-item-title")).toHaveText("Second Album");
  // seedFreeBand's master is not probed as lossless: MP3 is what this page offers first.
  await item.getByLabel("Format").selectOption("mp3-320");
  const button = item.getByTestId("download-button");
  if (await button.isVisible()) await button.click();
  const link = item.getByTestId("download-link");
  await expect(link).toBeVisible({ timeout: 90_000 });
  const zip = await page.request.get((await link.getAttribute("href"))!);
  expect(zip.status()).toBe(200);
  expect(zip.headers()["content-type"]).toBe("application/zip");

  // Cancel from the library: it runs to the period's end, and can be taken back.
  await page.goto("/library");
  await card.getByRole("button", { name: "Cancel subscription" }).click();
  await expect(card.getByTestId("subscription-status")).toContainText("Your subscription is canceled");
  await expect(card.getByTestId("library-subscription-note")).toContainText("Canceled: runs until");
  await page.screenshot({ path: `${artifacts}/fan-subscriptions-canceled.png`, fullPage: true });
  await card.getByRole("button", { name: "Keep my subscription" }).click();
  await expect(card.getByTestId("library-subscription-note")).toContainText("Renews on");
});
