import { writeFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/stream/[trackId]/route";
import { releases, tracks } from "@/db/schema";
import { ensureClip } from "@/lib/audio/clip";
import { audioKeys } from "@/lib/audio/formats";
import { processTrack } from "@/lib/audio/pipeline";
import { probeMaster } from "@/lib/audio/probe";
import { updateTrack } from "@/lib/catalog/tracks";
import { startWorkers } from "@/lib/jobs";
import { CHORES } from "@/lib/jobs/housekeeping";
import { IMMUTABLE, storage } from "@/lib/storage";
import { durationOf, makeAudioDir, tone } from "@/tests/support/audio-fixtures";
import { makeArtist, makeUser, unique, useTestDb } from "@/tests/support/factories";
import { useS3Storage } from "@/tests/support/s3-storage";

vi.mock("@/lib/auth", () => ({ currentUser: async () => null }));

const db = useTestDb();
const bucket = useS3Storage();
const dir = makeAudioDir();
/** One MP3 frame at 128 kbps and 44.1 kHz: how far a frame-exact cut may pass N × 16000 bytes. */
const FRAME = 418;

/** A published track with a 12-second master in the bucket, set to a clip, not processed yet. */
async function clipTrack(clipSeconds = 5) {
  const owner = await makeUser(db);
  const artist = await makeArtist(db, owner.id, { plan: "pro" });
  const [release] = await db
    .insert(releases)
    .values({ artistId: artist.id, slug: unique("rel"), title: "Clips", status: "published", publishedAt: new Date() })
    .returning();
  const file = tone(dir, unique("master"), "wav", 12);
  const probe = await probeMaster(file);
  if (!probe.ok) throw new Error("the test master did not probe");
  const id = crypto.randomUUID();
  const masterKey = audioKeys.master(artist.id, id, "wav");
  await storage().putFromPath(masterKey, file);
  await db.insert(tracks).values({
    id,
    releaseId: release.id,
    artistId: artist.id,
    position: 1,
    title: "Clip Me",
    masterKey,
    master: probe.info,
    durationMs: probe.durationMs,
    streaming: "clip",
    clipSeconds,
  });
  return { id, owner };
}

const row = async (id: string) => (await db.select().from(tracks).where(eq(tracks.id, id)))[0];
const stream = (id: string, headers: Record<string, string> = {}) =>
  GET(new Request(`http://localhost/api/stream/${id}`, { headers }), { params: Promise.resolve({ trackId: id }) });
const clipObjects = (id: string) =>
  [...bucket.s3.objects.keys()].filter((key) => key.startsWith("clips/") && key.includes(`/${id}-`));

describe("a clip is its own file", () => {
  it("is cut by the pipeline, stored for ever under its own key, and the only file a fan is sent to", async () => {
    const { id } = await clipTrack(5);
    expect(await processTrack(db, id)).toEqual({ ok: true });
    const track = await row(id);
    expect(track.streamKey).toMatch(new RegExp(`^streams/${track.artistId}/${id}-[0-9a-f]{8}\\.mp3$`));
    expect(track.clipKey).toMatch(new RegExp(`^clips/${track.artistId}/${id}-5s-[0-9a-f]{8}\\.mp3$`));
    expect(track.clipKeySeconds).toBe(5);
    expect(bucket.s3.objects.get(track.streamKey!)?.cacheControl).toBe(IMMUTABLE);
    expect(bucket.s3.objects.get(track.clipKey!)?.cacheControl).toBe(IMMUTABLE);
    expect(track.clipSize).toBe(bucket.s3.objects.get(track.clipKey!)?.body.length);
    expect(track.clipSize!).toBeLessThanOrEqual(5 * 16000 + FRAME);

    const answer = await stream(id);
    expect(answer.status).toBe(302);
    const url = new URL(answer.headers.get("location")!);
    expect(url.pathname).toBe(`/${bucket.s3.bucket}/${track.clipKey}`);
    // The clip's length and a minute, as SIGNED_URL_SECONDS is longer.
    expect(url.searchParams.get("X-Amz-Expires")).toBe("300");

    const whole = Buffer.from(await (await fetch(url)).arrayBuffer());
    expect(whole.length).toBe(track.clipSize);
    const saved = path.join(dir, `${id}-clip.mp3`);
    writeFileSync(saved, whole);
    expect(Math.abs(durationOf(saved) - 5)).toBeLessThan(0.1);

    // Asking for more than the clip never yields more than the clip.
    const past = await fetch(url, { headers: { Range: `bytes=${track.clipSize}-${track.clipSize! + 100_000}` } });
    expect(past.status).toBe(416);
    // S3's error document, not a byte of audio.
    expect(await past.text()).toContain("InvalidRange");
    for (const range of ["bytes=0-10000000", "bytes=70000-", "bytes=-10000000"]) {
      const answer = await fetch(url, { headers: { Range: range } });
      expect([200, 206], range).toContain(answer.status);
      const body = Buffer.from(await answer.arrayBuffer());
      expect(body.length, range).toBeGreaterThan(0);
      expect(body.length, range).toBeLessThanOrEqual(track.clipSize!);
    }
  });

  it("of another length is sent by the app, cut at that length, until its file is cut; the old file goes", async () => {
    const { id } = await clipTrack(5);
    await processTrack(db, id);
    const first = await row(id);
    await db.update(tracks).set({ clipSeconds: 7 }).where(eq(tracks.id, id));
    const signed = bucket.signed.length;

    const meanwhile = await stream(id);
    expect(meanwhile.status).toBe(200);
    const streamFile = bucket.s3.objects.get(first.streamKey!)!.body;
    expect(Buffer.from(await meanwhile.arrayBuffer()).equals(streamFile.subarray(0, 7 * 16000))).toBe(true);
    expect(bucket.signed.length).toBe(signed);

    expect(await ensureClip(db, id)).toMatchObject({ made: true });
    const second = await row(id);
    expect(second.clipKey).toMatch(/-7s-/);
    expect(bucket.s3.objects.has(first.clipKey!)).toBe(false);
    expect(clipObjects(id)).toEqual([second.clipKey]);
    expect(new URL((await stream(id)).headers.get("location")!).pathname).toBe(
      `/${bucket.s3.bucket}/${second.clipKey}`,
    );
    expect(await ensureClip(db, id)).toEqual({ made: false, reason: "current" });
  });

  it("cut three times at once leaves one file, the one the track names", async () => {
    const { id } = await clipTrack(5);
    await processTrack(db, id);
    await db.update(tracks).set({ clipSeconds: 6 }).where(eq(tracks.id, id));
    // The three cuts reach the row together: it is held until all three files are in the bucket.
    let cuts: Promise<unknown> = Promise.resolve();
    await db.transaction(async (tx) => {
      await tx.select({ id: tracks.id }).from(tracks).where(eq(tracks.id, id)).for("update");
      cuts = Promise.all([ensureClip(db, id), ensureClip(db, id), ensureClip(db, id)]);
      for (let i = 0; i < 200 && clipObjects(id).length < 4; i++) await new Promise((r) => setTimeout(r, 50));
      expect(clipObjects(id)).toHaveLength(4);
      await new Promise((r) => setTimeout(r, 300));
    });
    await cuts;
    const track = await row(id);
    expect(track.clipKeySeconds).toBe(6);
    expect(clipObjects(id)).toEqual([track.clipKey]);
  });

  it("is made again with the rendition when the track is processed again, and the old files go", async () => {
    const { id } = await clipTrack(5);
    await processTrack(db, id);
    const before = await row(id);
    await processTrack(db, id);
    const after = await row(id);
    expect(after.streamKey).not.toBe(before.streamKey);
    expect(after.clipKey).not.toBe(before.clipKey);
    expect(bucket.s3.objects.has(before.streamKey!)).toBe(false);
    expect(bucket.s3.objects.has(before.clipKey!)).toBe(false);
    expect(bucket.s3.objects.has(after.clipKey!)).toBe(true);
  });

  it("is cut by the every-ten-minutes chore for a clip track left without its file", async () => {
    const { id } = await clipTrack(5);
    await db.update(tracks).set({ streaming: "full" }).where(eq(tracks.id, id));
    await processTrack(db, id);
    // Set to a clip before clips were files (or every cut failed), long ago: first in line.
    await db
      .update(tracks)
      .set({ streaming: "clip", updatedAt: new Date("2001-01-01T00:00:00Z") })
      .where(eq(tracks.id, id));
    const chore = CHORES.find((c) => c.queue === "clips-cut-missing")!;
    expect(chore.cron).toBe("*/10 * * * *");
    await chore.run(db);
    expect((await row(id)).clipKey).toMatch(/-5s-/);
  });

  it("is cut by the worker when the band switches a track to a clip", async () => {
    const { id, owner } = await clipTrack(5);
    await db.update(tracks).set({ streaming: "full" }).where(eq(tracks.id, id));
    await processTrack(db, id);
    expect((await row(id)).clipKey).toBeNull();
    const stop = await startWorkers();
    try {
      const saved = await updateTrack(db, owner.id, id, { title: "Clip Me", streaming: "clip", clipSeconds: "8" });
      expect(saved).toMatchObject({ ok: true });
      let track = await row(id);
      for (let i = 0; i < 120 && track.clipKeySeconds !== 8; i++) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        track = await row(id);
      }
      expect(track.clipKey).toMatch(/-8s-/);
      expect(new URL((await stream(id)).headers.get("location")!).pathname).toBe(
        `/${bucket.s3.bucket}/${track.clipKey}`,
      );
    } finally {
      await stop();
    }
  }, 60_000);
});
