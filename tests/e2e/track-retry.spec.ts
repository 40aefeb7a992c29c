import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { artistMembers, artists, releases, tracks } from "@/db/schema";
import { audioKeys } from "@/lib/audio/formats";
import { localDriver } from "@/lib/storage/local";
import { artifacts, seedUser, signInWithPassword, testDb, uniqueId } from "./helpers";

const storageDir = process.env.STORAGE_DIR ?? ".data/storage";

test("a track whose conversion died with its server offers Retry, and Retry converts it", async ({ page }) => {
  const user = await seedUser();
  const db = testDb();
  const slug = `band-${uniqueId()}`;
  const [artist] = await db
    .insert(artists)
    .values({ slug, name: `Band ${slug}` })
    .returning();
  await db.insert(artistMembers).values({ artistId: artist.id, userId: user.id, role: "owner" });
  const [release] = await db
    .insert(releases)
    .values({ artistId: artist.id, slug: "stranded", title: "Stranded", priceAmount: 500 })
    .returning();
  // The master is stored; the track was marked converting two hours ago and its job is gone.
  const trackId = crypto.randomUUID();
  const file = path.join(mkdtempSync(path.join(tmpdir(), "mt-retry-")), "tone.flac");
  spawnSync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-ac", "2", file]);
  const masterKey = audioKeys.master(artist.id, trackId, "flac");
  await localDriver(storageDir).putFromPath(masterKey, file);
  const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
  await db.insert(tracks).values({
    id: trackId,
    releaseId: release.id,
    artistId: artist.id,
    position: 1,
    title: "Lost Take",
    durationMs: 2000,
    masterKey,
    master: { container: "flac", lossless: true, sampleRate: 44100, bitsPerSample: 16, channels: 2, bitrate: null },
    status: "processing",
    createdAt: twoHoursAgo,
  });
  await db.update(tracks).set({ updatedAt: twoHoursAgo }).where(eq(tracks.id, trackId));

  await signInWithPassword(page, user.email, user.password);
  await expect(page).toHaveURL(new RegExp(`/dashboard/${artist.slug}$`));
  await page.goto(`/dashboard/${artist.slug}/releases/${release.id}`);
  const retry = page.getByTestId("track-retry");
  await expect(retry).toContainText("Converting is taking far longer than it should");
  await page.screenshot({ path: `${artifacts}/track-stuck-retry.png`, fullPage: true });
  await retry.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByTestId("track-status")).toHaveText("Ready", { timeout: 30_000 });
  await expect(page.getByTestId("track-retry")).toHaveCount(0);
});
