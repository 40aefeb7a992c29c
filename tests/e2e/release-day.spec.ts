import { expect, test, type Page } from "@playwright/test";
import { and, asc, eq, like } from "drizzle-orm";
import { artistMembers, artists, outboxEmails, releases, tracks } from "@/db/schema";
import { wallClockIn } from "@/lib/time-zone";
import { unzip } from "@/tests/support/zip";
import { artifacts, seedUser, signInWithPassword, testDb, uniqueId } from "./helpers";

const ZONE = "Europe/Paris";

/**
 * A band in Paris with a draft album of two tracks ready to play, and an owner who can sign in.
 * The tracks reuse the demo album's processed files (seeded before the run), so nothing is transcoded here.
 */
async function seedBandWithDraft() {
  const db = testDb();
  const user = await seedUser();
  const slug = `dawn-${uniqueId()}`;
  const [artist] = await db
    .insert(artists)
    .values({ slug, name: `Dawn Band ${slug}`, currency: "EUR", country: "FR", timeZone: ZONE })
    .returning();
  await db.insert(artistMembers).values({ artistId: artist.id, userId: user.id, role: "owner" });
  const [demo] = await db.select().from(artists).where(eq(artists.slug, "demo-band"));
  const [firstLight] = await db
    .select()
    .from(releases)
    .where(and(eq(releases.artistId, demo.id), eq(releases.slug, "first-light")));
  const source = await db
    .select()
    .from(tracks)
    .where(eq(tracks.releaseId, firstLight.id))
    .orderBy(asc(tracks.position));
  const [album] = await db
    .insert(releases)
    .values({
      artistId: artist.id,
      slug: "dawn-chorus",
      title: "Dawn Chorus",
      pricingMode: "fixed",
      priceAmount: 500,
      currency: "EUR",
    })
    .returning();
  const titles = ["Early Bird", "Second Light"];
  const made = await db
    .insert(tracks)
    .values(
      titles.map((title, i) => ({
        releaseId: album.id,
        artistId: artist.id,
        position: i + 1,
        title,
        masterKey: source[i].masterKey,
        master: source[i].master,
        streamKey: source[i].streamKey,
        streamSize: source[i].streamSize,
        durationMs: source[i].durationMs,
        peaks: source[i].peaks,
        status: "ready" as const,
      })),
    )
    .returning();
  return { user, artist, album, tracks: made };
}

const audioTime = (page: Page) =>
  page.getByTestId("player-audio").evaluate((audio: HTMLAudioElement) => audio.currentTime);

test("a band schedules a release two minutes ahead, a fan pre-orders it, and on release day gets the mail and the whole album", async ({
  page,
  browser,
}) => {
  test.setTimeout(420_000);
  const band = await seedBandWithDraft();
  const [early, second] = band.tracks;

  // The band, in its own browser: release day two minutes ahead on its clock (Paris), the first track available at once.
  const bandContext = await browser.newContext();
  const bandPage = await bandContext.newPage();
  await signInWithPassword(bandPage, band.user.email, band.user.password);
  await bandPage.waitForURL(/\/dashboard/);
  await bandPage.goto(`/dashboard/${band.artist.slug}/releases/${band.album.id}`);
  const releaseAt = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 2 * 60_000);
  const wall = wallClockIn(releaseAt, ZONE);
  const section = bandPage.getByRole("region", { name: "Release day" });
  await expect(section).toContainText("No release day: out as soon as it is published.");
  await section.getByLabel("Date").fill(wall.date);
  await section.getByLabel(`Time (${ZONE})`).fill(wall.time);
  await section.getByLabel("1. Early Bird").check();
  await section.getByRole("button", { name: "Save release day" }).click();
  await expect(section.getByTestId("release-day-status")).toHaveText("Release day saved.");
  await bandPage.getByRole("button", { name: "Publish" }).click();
  await expect(bandPage.getByTestId("release-status")).toContainText("Published");
  await expect(section.getByTestId("release-day-state")).toContainText("Pre-order: comes out");
  await expect(section.getByTestId("release-now")).toBeVisible();
  await bandPage.screenshot({ path: `${artifacts}/release-day-editor.png`, fullPage: true });
  const [row] = await testDb().select().from(releases).where(eq(releases.id, band.album.id));
  expect(row.releaseAt?.toISOString()).toBe(releaseAt.toISOString());
  expect(row.releasedAt).toBeNull();
  await bandContext.close();

  // A fan, signed out: the pre-order page, the available track plays, the other waits.
  const fan = page;
  const email = `fan-${uniqueId()}@example.test`;
  await fan.goto(`/${band.artist.slug}/dawn-chorus`);
  await expect(fan.getByTestId("preorder-banner")).toContainText("Pre-order · Out on");
  const rows = fan.getByTestId("track-row");
  await expect(rows.nth(1)).toContainText("On release day");
  await expect(rows.nth(1).getByRole("button")).toHaveCount(0);
  expect((await fan.request.get(`/api/stream/${early.id}`, { headers: { Range: "bytes=0-99" } })).status()).toBe(206);
  expect((await fan.request.get(`/api/stream/${second.id}`, { headers: { Range: "bytes=0-99" } })).status()).toBe(404);
  await fan.screenshot({ path: `${artifacts}/release-day-preorder-page.png`, fullPage: true });
  await fan.getByRole("button", { name: "Play Early Bird" }).first().click();
  await expect.poll(() => audioTime(fan), { timeout: 15_000 }).toBeGreaterThan(0.5);

  // Pre-order with the test payment provider.
  await fan.getByTestId("buy-panel").getByRole("button", { name: "Buy now" }).first().click();
  await expect(fan.getByTestId("cart-line")).toContainText("Dawn Chorus");
  await fan.getByTestId("checkout-form").getByLabel(/Email/).fill(email);
  await fan
    .getByTestId("checkout-form")
    .getByRole("button", { name: /Checkout/ })
    .click();
  await fan.getByRole("button", { name: /Pay €/ }).click();
  await expect(fan.getByRole("heading", { name: "Thank you!" })).toBeVisible();
  const downloadHref = (await fan.getByTestId("go-to-downloads").getAttribute("href"))!;
  await fan.goto(downloadHref);
  await expect(fan.getByTestId("download-waiting")).toContainText("1 track comes on release day");
  await expect(fan.getByTestId("download-item")).toContainText("1 track");
  await fan.screenshot({ path: `${artifacts}/release-day-download-before.png`, fullPage: true });

  // Release day: the e2e server's workers run the job at its moment (the minute chore catches it otherwise).
  await expect
    .poll(
      async () =>
        (
          await testDb()
            .select({ id: outboxEmails.id })
            .from(outboxEmails)
            .where(and(eq(outboxEmails.to, email), like(outboxEmails.subject, "%is out")))
        ).length,
      { timeout: 300_000, intervals: [5_000] },
    )
    .toBe(1);
  const [released] = await testDb().select().from(releases).where(eq(releases.id, band.album.id));
  expect(released.releasedAt!.getTime()).toBeGreaterThanOrEqual(releaseAt.getTime());

  await fan.goto("/dev/mail");
  const mail = fan
    .getByTestId("dev-mail")
    .filter({ has: fan.getByTestId("dev-mail-to").getByText(email, { exact: true }) })
    .filter({ hasText: "is out" })
    .first();
  await expect(mail).toContainText(`Dawn Chorus by ${band.artist.name} is out`);
  const link = (await mail.getByRole("link").filter({ hasText: "/download/" }).first().getAttribute("href"))!;
  expect(new URL(link).pathname).toBe(new URL(downloadHref, "http://x").pathname);

  // Every track now plays and downloads.
  expect((await fan.request.get(`/api/stream/${second.id}`, { headers: { Range: "bytes=0-99" } })).status()).toBe(206);
  await fan.goto(new URL(link).pathname);
  const item = fan.getByTestId("download-item");
  await expect(item).toContainText("2 tracks");
  await expect(fan.getByTestId("download-waiting")).toHaveCount(0);
  await item.getByLabel("Format").selectOption("mp3-320");
  const button = item.getByTestId("download-button");
  if (await button.isVisible()) await button.click();
  const zipLink = item.getByTestId("download-link");
  await expect(zipLink).toBeVisible({ timeout: 120_000 });
  const zip = await fan.request.get((await zipLink.getAttribute("href"))!);
  expect(zip.status()).toBe(200);
  const entries = await unzip(await zip.body());
  expect([...entries.keys()].filter((name) => name.endsWith(".mp3")).sort()).toEqual([
    `01 ${band.artist.name} - Early Bird.mp3`,
    `02 ${band.artist.name} - Second Light.mp3`,
  ]);
  await fan.reload();
  await fan.screenshot({ path: `${artifacts}/release-day-download-after.png`, fullPage: true });
});
