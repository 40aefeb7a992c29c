import { statSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { and, eq, like } from "drizzle-orm";
import { artistMembers, artists, outboxEmails, releases, tracks } from "@/db/schema";
import { audioKeys } from "@/lib/audio/formats";
import { localDriver } from "@/lib/storage/local";
import { wallClockIn } from "@/lib/time-zone";
import { makeAudioDir, tone } from "@/tests/support/audio-fixtures";
import { unzip } from "@/tests/support/zip";
import { artifacts, seedUser, signInWithPassword, testDb, uniqueId } from "./helpers";

const ZONE = "Europe/Paris";

/**
 * A band in Paris with a draft album of two ready tracks (a FLAC master and its MP3 stream each, in
 * the test server's storage), and an owner who can sign in: straight in the database.
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
  // The test server reads STORAGE_DIR (tests/support/run-all.ts sets one per TEST_INSTANCE).
  const store = localDriver(process.env.STORAGE_DIR ?? ".data/storage");
  const dir = makeAudioDir();
  const made = [];
  for (const [i, title] of ["Early Bird", "Second Light"].entries()) {
    const id = crypto.randomUUID();
    const masterKey = audioKeys.master(artist.id, id, "flac");
    const streamKey = audioKeys.stream(artist.id, id);
    const stream = tone(dir, `${id}-stream`, "mp3", 6, 330 + i * 110);
    await store.putFromPath(masterKey, tone(dir, `${id}-master`, "flac", 6, 330 + i * 110));
    await store.putFromPath(streamKey, stream, "audio/mpeg");
    const [track] = await db
      .insert(tracks)
      .values({
        id,
        releaseId: album.id,
        artistId: artist.id,
        position: i + 1,
        title,
        masterKey,
        master: { container: "flac", lossless: true, sampleRate: 44100, bitsPerSample: 16, channels: 2, bitrate: null },
        streamKey,
        streamSize: statSync(stream).size,
        durationMs: 6000,
        status: "ready",
      })
      .returning();
    made.push(track);
  }
  return { user, artist, album, tracks: made };
}

/** As tests/e2e/accessibility.spec.ts checks every page: no serious or critical WCAG 2.1 AA violation. */
async function accessible(page: Page, name: string) {
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    name,
  ).toEqual([]);
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
  await accessible(bandPage, "release editor with its release day");
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
  await accessible(fan, "pre-order page");
  await fan.getByRole("button", { name: "Play Early Bird" }).first().click();
  await expect.poll(() => audioTime(fan), { timeout: 15_000 }).toBeGreaterThan(0.5);

  // The release's widget says the same.
  await fan.goto(`/embed/release/${band.album.id}`);
  await expect(fan.getByTestId("embed-preorder")).toContainText("Pre-order · Out on");
  await expect(fan.getByTestId("embed-track").nth(1)).toContainText("On release day");
  await fan.goto(`/${band.artist.slug}/dawn-chorus`);

  // Pre-order with the test payment provider.
  await fan.getByTestId("buy-panel").getByRole("button", { name: "Pre-order" }).first().click();
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
  await accessible(fan, "download page before release day");

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
