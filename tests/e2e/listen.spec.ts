import { spawnSync } from "node:child_process";
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { and, eq, sql } from "drizzle-orm";
import sharp from "sharp";
import { artistMembers, artists, plays, releases, tracks, type MasterInfo } from "@/db/schema";
import { audioKeys } from "@/lib/audio/formats";
import { processImage } from "@/lib/images";
import { localDriver } from "@/lib/storage/local";
import { artifacts, seedUser, signInWithPassword, testDb, uniqueId } from "./helpers";

// The test server reads STORAGE_DIR (tests/support/run-all.ts sets one per TEST_INSTANCE).
const storageDir = process.env.STORAGE_DIR ?? ".data/storage";
const flac: MasterInfo = {
  container: "flac",
  lossless: true,
  sampleRate: 44100,
  bitsPerSample: 16,
  channels: 2,
  bitrate: null,
};
const mp3: MasterInfo = {
  container: "mp3",
  lossless: false,
  sampleRate: 44100,
  bitsPerSample: null,
  channels: 2,
  bitrate: 320_000,
};

/** A sine tone as the pipeline's streaming rendition (MP3 128 kbps CBR), made by ffmpeg here. */
function tone(seconds: number, frequency: number) {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "merchtable-listen-")), `${frequency}.mp3`);
  const result = spawnSync(
    process.env.FFMPEG_PATH ?? "ffmpeg",
    [
      "-v",
      "error",
      "-y",
      "-f",
      "lavfi",
      "-i",
      `sine=frequency=${frequency}:duration=${seconds}`,
      "-ar",
      "44100",
      "-ac",
      "2",
      "-c:a",
      "libmp3lame",
      "-b:a",
      "128k",
      file,
    ],
    { encoding: "utf8" },
  );
  if (result.status !== 0) throw new Error(`ffmpeg could not make a test tone: ${result.stderr}`);
  return file;
}

/** A waveform that visibly rises and falls, like the pipeline's ~240 peaks. */
const peaks = (seed: number) =>
  Array.from(
    { length: 240 },
    (_, i) =>
      Math.round((0.35 + 0.6 * Math.abs(Math.sin((i + seed) / 17)) * (0.7 + 0.3 * Math.sin(i / 3))) * 1000) / 1000,
  );

type Spec = {
  title: string;
  seconds: number;
  frequency: number;
  streaming?: "full" | "clip" | "off";
  clipSeconds?: number;
  master?: MasterInfo;
};

/** A band with a published release whose tracks are processed and stored, as after upload. */
async function publishedRelease(specs: Spec[], options: { status?: "draft" | "published"; ownerId?: string } = {}) {
  const db = testDb();
  const id = uniqueId();
  const [artist] = await db
    .insert(artists)
    .values({ slug: `night-bus-${id}`, name: `Night Bus ${id}`, accentColor: "#2f6f5e" })
    .returning();
  if (options.ownerId)
    await db.insert(artistMembers).values({ artistId: artist.id, userId: options.ownerId, role: "owner" });
  const status = options.status ?? "published";
  const [release] = await db
    .insert(releases)
    .values({
      artistId: artist.id,
      slug: "late-lines",
      title: "Late Lines",
      kind: "ep",
      releaseDate: "2025-11-14",
      description: "Three songs written on the last bus home.\n\nRecorded in one night.",
      credits: "Words and music by Night Bus.",
      catalogNumber: "NB-003",
      status,
      publishedAt: status === "published" ? new Date() : null,
    })
    .returning();
  const store = localDriver(storageDir);
  // Artwork as the catalogue stores it: re-encoded WebP variants under one key prefix.
  const art = await processImage(
    await sharp({ create: { width: 1400, height: 1400, channels: 3, background: "#2f6f5e" } })
      .png()
      .toBuffer(),
    "cover",
  );
  if (!art.ok) throw new Error(`test artwork refused: ${art.reason}`);
  const artworkKey = `artists/${artist.id}/releases/${release.id}/cover-${id}`;
  for (const variant of art.variants) await store.put(`${artworkKey}-${variant.suffix}.webp`, variant.data);
  await db.update(releases).set({ artworkKey }).where(eq(releases.id, release.id));
  const rows = [];
  for (const [i, spec] of specs.entries()) {
    const trackId = crypto.randomUUID();
    const streamKey = audioKeys.stream(artist.id, trackId);
    const file = tone(spec.seconds, spec.frequency);
    await store.putFromPath(streamKey, file, "audio/mpeg");
    const [row] = await db
      .insert(tracks)
      .values({
        id: trackId,
        releaseId: release.id,
        artistId: artist.id,
        position: i + 1,
        title: spec.title,
        durationMs: spec.seconds * 1000,
        masterKey: audioKeys.master(artist.id, trackId, "flac"),
        master: spec.master ?? flac,
        streamKey,
        streamSize: statSync(file).size,
        peaks: peaks(i * 40),
        status: "ready",
        streaming: spec.streaming ?? "full",
        clipSeconds: spec.clipSeconds ?? 30,
      })
      .returning();
    rows.push(row);
  }
  return { artist, release, tracks: rows, url: `/${artist.slug}/${release.slug}` };
}

const audioState = (page: Page) =>
  page
    .getByTestId("player-audio")
    .evaluate((audio: HTMLAudioElement) => ({ time: audio.currentTime, paused: audio.paused, src: audio.currentSrc }));

test("a fan plays a release: play, seek on the waveform and with the keyboard, next track, play recorded", async ({
  page,
}) => {
  const {
    artist,
    tracks: [first, second, third, fourth],
    url,
  } = await publishedRelease([
    { title: "Blue Hour", seconds: 8, frequency: 330 },
    { title: "Night Shift", seconds: 6, frequency: 440 },
    { title: "Terminus", seconds: 8, frequency: 550, streaming: "clip", clipSeconds: 3, master: mp3 },
    { title: "Depot (demo)", seconds: 6, frequency: 660, streaming: "off" },
  ]);

  // The shop lists the release; the fan opens it from there.
  await page.goto(`/${artist.slug}`);
  await page.getByTestId("release-card").filter({ hasText: "Late Lines" }).click();
  await expect(page).toHaveURL(new RegExp(`${url}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Late Lines");
  await expect(page.getByTestId("release-facts")).toHaveText("EP · Released November 14, 2025");
  await expect(page.getByRole("link", { name: artist.name }).first()).toHaveAttribute("href", `/${artist.slug}`);
  await expect(page.getByTestId("catalog-number")).toHaveText("NB-003");
  await expect(page.getByTestId("release-credits")).toContainText("Words and music by Night Bus.");
  await expect(page.getByTestId("download-formats")).toContainText("MP3 320");
  await expect(page.getByTestId("download-formats")).not.toContainText("FLAC");
  await expect(page.getByTestId("lossless-unavailable")).toHaveText(
    "Lossless formats are not available for this release.",
  );
  const head = (await (await page.request.get(url)).text()).split("</head>")[0];
  expect(head).toContain('<meta property="og:type" content="music.album"/>');
  expect(head).toMatch(
    new RegExp(
      `<meta property="og:image" content="http://[^"]+/media/artists/${artist.id}/releases/[^"]+-1200\\.jpg"/>`,
    ),
  );
  expect(head).toMatch(new RegExp(`<meta property="og:audio" content="http://[^"]+/api/stream/${first.id}"/>`));
  const cover = page.getByRole("img", { name: `Cover of Late Lines by ${artist.name}` });
  await expect(cover).toBeVisible();
  expect(await cover.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThanOrEqual(600);
  const rows = page.getByTestId("track-row");
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(0)).toContainText("0:08");
  await expect(rows.nth(2)).toContainText("Preview: first 3 s");
  await expect(rows.nth(3)).toContainText("Not available to stream");
  await expect(rows.nth(3).getByRole("button")).toHaveCount(0);

  // Play: the audio streams from /api/stream and its clock advances.
  await page.getByRole("button", { name: "Play Blue Hour" }).first().click();
  await expect.poll(async () => (await audioState(page)).time, { timeout: 15_000 }).toBeGreaterThan(0.8);
  expect((await audioState(page)).src).toContain(`/api/stream/${first.id}`);
  await expect(page.getByTestId("player-announcement")).toHaveText("Now playing: Blue Hour");
  await expect(page.getByTestId("play-toggle")).toHaveAttribute("aria-label", "Pause Blue Hour");

  // Click three quarters of the way along the waveform.
  const slider = page.getByRole("slider", { name: "Position in Blue Hour" });
  const box = (await slider.boundingBox())!;
  await slider.click({ position: { x: box.width * 0.75, y: box.height / 2 } });
  await expect.poll(async () => (await audioState(page)).time).toBeGreaterThanOrEqual(5.5);
  await expect(slider).toHaveAttribute("aria-valuemax", "8");

  // Keyboard: Home goes back to the start, → jumps 5 s.
  await slider.press("Home");
  await expect.poll(async () => (await audioState(page)).time).toBeLessThan(1.5);
  await slider.press("ArrowRight");
  await expect.poll(async () => (await audioState(page)).time).toBeGreaterThanOrEqual(4.9);
  await expect(slider).toHaveAttribute("aria-valuetext", /^0:0[5-8] of 0:08$/);

  // The first track ends and the second starts by itself.
  await expect
    .poll(async () => (await audioState(page)).src, { timeout: 15_000 })
    .toContain(`/api/stream/${second.id}`);
  await expect.poll(async () => (await audioState(page)).time, { timeout: 10_000 }).toBeGreaterThan(0.5);
  await expect(page.getByTestId("now-playing")).toHaveText("Night Shift");
  await expect(page.getByTestId("player-announcement")).toHaveText("Now playing: Night Shift");

  // Leaving the first track reported what was heard of it (not the seconds skipped by seeking).
  const db = testDb();
  // Reported as it went, then once more when it ended: still one play, with every second heard.
  await expect
    .poll(async () => (await db.select().from(plays).where(eq(plays.trackId, first.id)))[0]?.secondsListened ?? 0, {
      timeout: 10_000,
    })
    .toBeGreaterThanOrEqual(2);
  const [play, ...more] = await db.select().from(plays).where(eq(plays.trackId, first.id));
  expect(more).toEqual([]);
  expect(play).toMatchObject({ source: "shop", sourceHost: null, isClip: false, releaseId: first.releaseId });
  expect(play.secondsListened).toBeGreaterThanOrEqual(2);
  expect(play.secondsListened).toBeLessThanOrEqual(7);
  expect(play.listenerHash).toMatch(/^[A-Za-z0-9_-]{43}$/);

  // The clip plays its first 3 s, then the player stops (the last track is not streamed).
  await page.getByTestId("player").getByRole("button", { name: "Next track" }).click();
  await expect(page.getByTestId("now-playing")).toHaveText("Terminus");
  await expect.poll(async () => (await audioState(page)).src).toContain(`/api/stream/${third.id}`);
  await expect.poll(async () => (await audioState(page)).paused, { timeout: 15_000 }).toBe(true);
  expect((await audioState(page)).src).not.toContain(fourth.id);
  await expect(page.getByTestId("player-duration")).toHaveText("0:03");
  await expect
    .poll(
      async () =>
        (
          await db
            .select()
            .from(plays)
            .where(and(eq(plays.trackId, third.id), eq(plays.isClip, true)))
        ).length,
    )
    .toBe(1);

  await page.screenshot({ path: `${artifacts}/listen-release-light.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: `${artifacts}/listen-release-dark.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${artifacts}/listen-release-dark-phone.png`, fullPage: true });
});

test("a fan still listening is counted as the listen goes: one play from the first second, upgraded in place to partial, then complete", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const {
    artist,
    tracks: [song],
    url,
  } = await publishedRelease([{ title: "Long Way Round", seconds: 12, frequency: 294 }]);
  const db = testDb();
  const outcomes = async () => (await db.select().from(plays).where(eq(plays.trackId, song.id))).map((p) => p.outcome);
  await page.goto(url);
  await page.getByRole("button", { name: "Play Long Way Round" }).first().click();

  // Past the first point, with the tab open and the music going: the play is already there.
  await expect.poll(outcomes, { timeout: 15_000 }).toEqual(["skip"]);
  expect((await audioState(page)).paused).toBe(false);
  // Past 5 s heard it is no longer a skip: the same play, upgraded.
  await expect.poll(outcomes, { timeout: 15_000 }).toEqual(["partial"]);
  expect((await audioState(page)).paused).toBe(false);
  // Past 10 s of 12 (all but the last 2 s) it is complete, still one play in the band's figures.
  await expect.poll(outcomes, { timeout: 15_000 }).toEqual(["complete"]);
  const [day] = await db.execute<{ plays: number }>(
    sql`select sum(plays)::int as plays from stats_daily where artist_id = ${artist.id} and kind = 'play'`,
  );
  expect(day.plays).toBe(1);
});

test("a fan who browses away and comes back finds the track where they left it", async ({ page }) => {
  const {
    artist,
    tracks: [, second],
    url,
  } = await publishedRelease([
    { title: "Blue Hour", seconds: 8, frequency: 330 },
    { title: "Night Shift", seconds: 8, frequency: 440 },
  ]);
  await page.goto(url);
  // A track row is named by what it shows: its number, title and length.
  await page.getByRole("button", { name: /^2\s*Night Shift/ }).click();
  await expect.poll(async () => (await audioState(page)).time, { timeout: 15_000 }).toBeGreaterThan(0.5);
  await page.getByRole("slider", { name: "Position in Night Shift" }).press("ArrowRight");
  await expect.poll(async () => (await audioState(page)).time).toBeGreaterThanOrEqual(5);
  await page.getByTestId("play-toggle").click();

  await page.getByRole("link", { name: `All releases by ${artist.name}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(artist.name);
  await page.goBack();
  await expect(page.getByTestId("now-playing")).toHaveText("Night Shift");
  await expect(page.getByTestId("player-time")).toHaveText(/^0:0[5-7]$/);
  await page.getByTestId("play-toggle").click();
  await expect.poll(async () => (await audioState(page)).src).toContain(second.id);
  await expect.poll(async () => (await audioState(page)).time).toBeGreaterThanOrEqual(5);
});

test("a draft is a 404 for fans and a preview for the band's members", async ({ page }) => {
  const member = await seedUser();
  const { url } = await publishedRelease([{ title: "Sketch", seconds: 6, frequency: 440 }], {
    status: "draft",
    ownerId: member.id,
  });

  const response = await page.goto(url);
  expect(response?.status()).toBe(404);

  await signInWithPassword(page, member.email, member.password);
  await expect(page.getByTestId("signed-in-as")).toHaveText(member.email);
  await page.goto(url);
  await expect(page.getByTestId("draft-banner")).toContainText("Draft preview — fans can't see this page yet");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Late Lines");
  await page.getByRole("button", { name: "Play Sketch" }).first().click();
  await expect.poll(async () => (await audioState(page)).time, { timeout: 15_000 }).toBeGreaterThan(0.5);
});
