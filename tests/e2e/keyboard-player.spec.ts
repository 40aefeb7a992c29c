import { spawnSync } from "node:child_process";
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { artists, releases, tracks } from "@/db/schema";
import { audioKeys } from "@/lib/audio/formats";
import { localDriver } from "@/lib/storage/local";
import { artifacts, testDb, uniqueId } from "./helpers";

const storageDir = process.env.STORAGE_DIR ?? ".data/storage";
const TITLES = ["Van at Dawn", "Merch Table Waltz", "Soundcheck"];

/** A 40 s tone as the pipeline's streaming rendition (MP3 128 kbps), made by ffmpeg here. */
function tone(frequency: number) {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "merchtable-keys-")), `${frequency}.mp3`);
  const args = ["-v", "error", "-y", "-f", "lavfi", "-i", `sine=frequency=${frequency}:duration=40`];
  const result = spawnSync(process.env.FFMPEG_PATH ?? "ffmpeg", [...args, "-c:a", "libmp3lame", "-b:a", "128k", file]);
  if (result.status !== 0) throw new Error(`ffmpeg could not make a test tone: ${result.stderr}`);
  return file;
}

/** A band with a published release of three streaming tracks, stored as after upload. */
async function demoAlbum() {
  const db = testDb();
  const id = uniqueId();
  const [artist] = await db
    .insert(artists)
    .values({ slug: `keys-${id}`, name: `Keys ${id}` })
    .returning();
  const [album] = await db
    .insert(releases)
    .values({
      artistId: artist.id,
      slug: "first-light",
      title: "First Light",
      kind: "ep",
      status: "published",
      publishedAt: new Date(),
    })
    .returning();
  const store = localDriver(storageDir);
  const rows = [];
  for (const [i, title] of TITLES.entries()) {
    const trackId = crypto.randomUUID();
    const streamKey = audioKeys.stream(artist.id, trackId);
    const file = tone(330 + i * 110);
    await store.putFromPath(streamKey, file, "audio/mpeg");
    const [row] = await db
      .insert(tracks)
      .values({
        id: trackId,
        releaseId: album.id,
        artistId: artist.id,
        position: i + 1,
        title,
        durationMs: 40_000,
        masterKey: audioKeys.master(artist.id, trackId, "flac"),
        master: { container: "flac", lossless: true, sampleRate: 44100, bitsPerSample: 16, channels: 2, bitrate: null },
        streamKey,
        streamSize: statSync(file).size,
        status: "ready",
        streaming: "full",
      })
      .returning();
    rows.push(row);
  }
  return { album, tracks: rows, url: `/${artist.slug}/first-light` };
}

/** Presses Tab (or Shift+Tab) until `target` has the focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, key: "Tab" | "Shift+Tab" = "Tab") {
  for (let presses = 0; presses < 80; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${target} was not reached with ${key}`);
}

/**
 * With the slider focused and the track paused (so its clock stands still): → twice and ← once
 * move 5 s each, not a percentage of the track.
 */
async function seeksFiveSeconds(page: Page, media: Locator) {
  const before = (await audio(media)).time;
  const at = async () => (await audio(media)).time;
  await page.keyboard.press("ArrowRight");
  await expect.poll(at).toBeCloseTo(before + 5, 0);
  await page.keyboard.press("ArrowRight");
  await expect.poll(at).toBeCloseTo(before + 10, 0);
  await page.keyboard.press("ArrowLeft");
  await expect.poll(at).toBeCloseTo(before + 5, 0);
}

const audio = (element: Locator) =>
  element.evaluate((media: HTMLAudioElement) => ({
    time: media.currentTime,
    paused: media.paused,
    src: media.currentSrc || media.src,
  }));

test("a listener plays, seeks 5 s at a time and skips to the next track on the release page with the keyboard only", async ({
  page,
}) => {
  const {
    tracks: [first, second],
    url,
  } = await demoAlbum();
  await page.goto(url);
  const media = page.getByTestId("player-audio");

  await tabTo(page, page.getByTestId("play-toggle"));
  await page.keyboard.press("Enter");
  await expect.poll(async () => (await audio(media)).time, { timeout: 15_000 }).toBeGreaterThan(0.5);
  expect((await audio(media)).src).toContain(`/api/stream/${first.id}`);

  // Space pauses, so the clock stands still while the arrows move it.
  await page.keyboard.press("Space");
  await expect.poll(async () => (await audio(media)).paused).toBe(true);
  await tabTo(page, page.getByRole("slider", { name: `Position in ${first.title}` }));
  await seeksFiveSeconds(page, media);

  await tabTo(page, page.getByRole("button", { name: "Next track" }), "Shift+Tab");
  await page.screenshot({ path: `${artifacts}/keyboard-release-player.png` });
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("now-playing")).toHaveText(second.title);
  await expect.poll(async () => (await audio(media)).src).toContain(`/api/stream/${second.id}`);
  await tabTo(page, page.getByTestId("play-toggle"), "Shift+Tab");
  await page.keyboard.press("Enter");
  await expect.poll(async () => (await audio(media)).time, { timeout: 15_000 }).toBeGreaterThan(0.5);
  expect((await audio(media)).src).toContain(`/api/stream/${second.id}`);

  // Space on the play button pauses; a track row chosen with Space plays that track.
  await tabTo(page, page.getByTestId("play-toggle"), "Shift+Tab");
  await page.keyboard.press("Space");
  await expect.poll(async () => (await audio(media)).paused).toBe(true);
  const third = page.getByTestId("track-row").nth(2).getByRole("button");
  await expect(third).toHaveAccessibleName(/^3\s*Soundcheck/);
  await tabTo(page, third);
  await page.keyboard.press("Space");
  await expect(page.getByTestId("now-playing")).toHaveText("Soundcheck");
  await expect.poll(async () => (await audio(media)).paused, { timeout: 15_000 }).toBe(false);
});

test("a listener does the same in the release widget: play, 5 s seeks and the next track, keyboard only", async ({
  page,
}) => {
  const {
    album,
    tracks: [first, second],
  } = await demoAlbum();
  await page.goto(`/embed/release/${album.id}?theme=light`);
  const media = page.getByTestId("embed-audio");
  // Nothing before the first track: "previous" waits, disabled, until there is somewhere to go.
  await expect(page.getByTestId("embed-previous")).toBeDisabled();

  await tabTo(page, page.getByTestId("embed-play"));
  await page.keyboard.press("Enter");
  await expect.poll(async () => (await audio(media)).time, { timeout: 15_000 }).toBeGreaterThan(0.5);
  expect((await audio(media)).src).toContain(`/api/stream/${first.id}`);

  // Space pauses, so the clock stands still while the arrows move it.
  await page.keyboard.press("Space");
  await expect.poll(async () => (await audio(media)).paused).toBe(true);
  await tabTo(page, page.getByRole("slider", { name: `Position in ${first.title}` }));
  await seeksFiveSeconds(page, media);
  await expect(page.getByTestId("embed-previous")).toBeEnabled();

  await tabTo(page, page.getByTestId("embed-next"), "Shift+Tab");
  await page.screenshot({ path: `${artifacts}/keyboard-widget.png` });
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("embed-now")).toHaveText(second.title);
  await expect.poll(async () => (await audio(media)).src).toContain(`/api/stream/${second.id}`);
  await tabTo(page, page.getByTestId("embed-play"), "Shift+Tab");
  await page.keyboard.press("Enter");
  await expect.poll(async () => (await audio(media)).time, { timeout: 15_000 }).toBeGreaterThan(0.5);
  expect((await audio(media)).src).toContain(`/api/stream/${second.id}`);

  // A track row's name is what it shows, and Space plays it.
  const third = page.getByTestId("embed-track").nth(2);
  await expect(third).toHaveAccessibleName(/^3\s*Soundcheck/);
  await tabTo(page, third);
  await page.keyboard.press("Space");
  await expect(page.getByTestId("embed-now")).toHaveText("Soundcheck");
  await expect.poll(async () => (await audio(media)).paused, { timeout: 15_000 }).toBe(false);
});
