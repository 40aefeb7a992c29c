import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { releases, tracks } from "@/db/schema";
import {
  createRelease,
  deleteRelease,
  getReleaseForEdit,
  setReleaseStatus,
  updateRelease,
} from "@/lib/catalog/releases";
import {
  deleteTrack,
  receiveTrackUpload,
  reorderTracks,
  retryTrackProcessing,
  updateTrack,
} from "@/lib/catalog/tracks";
import { loadReleaseWidget } from "@/lib/embed/data";
import { addToCart, releaseOffers } from "@/lib/orders";
import { storage } from "@/lib/storage";
import { emptyFile, makeAudioDir, pngNamedWav, tone, truncated } from "@/tests/support/audio-fixtures";
import { makeArtist, makeUser, useTestDb } from "@/tests/support/factories";

// Uploads queue processing; the queue itself is tested in audio-pipeline.test.ts.
vi.mock("@/lib/queue", () => ({ enqueueTrackProcessing: vi.fn(async () => {}) }));

const db = useTestDb();
const dir = makeAudioDir();

async function band() {
  const user = await makeUser(db);
  const artist = await makeArtist(db, user.id);
  return { user, artist };
}

const upload = (userId: string, releaseId: string, file: string, name = file.split("/").pop()!) =>
  receiveTrackUpload(db, userId, releaseId, name, Readable.from(readFileSync(file)), readFileSync(file).length);

describe("releases", () => {
  it("are created with a slug from the title, unique per band, and reserved words refused", async () => {
    const { user, artist } = await band();
    const first = await createRelease(db, user.id, artist.id, { title: "Première Lumière", kind: "album" });
    expect(first).toMatchObject({ ok: true, release: { slug: "premiere-lumiere", status: "draft" } });
    expect(await createRelease(db, user.id, artist.id, { title: "Again", slug: "premiere-lumiere" })).toMatchObject({
      ok: false,
      fieldErrors: { slug: "slug_taken" },
    });
    expect(await createRelease(db, user.id, artist.id, { title: "Redeem", slug: "redeem" })).toMatchObject({
      ok: false,
      fieldErrors: { slug: "slug_reserved" },
    });
    expect(await createRelease(db, user.id, artist.id, { title: "  " })).toMatchObject({
      ok: false,
      fieldErrors: { title: "title_required" },
    });
    expect(await createRelease(db, user.id, artist.id, { title: "Dated", releaseDate: "2025-02-30" })).toMatchObject({
      ok: false,
      fieldErrors: { releaseDate: "date_invalid" },
    });
    expect(await createRelease(db, user.id, artist.id, { title: "Dated", releaseDate: "2025-13-45" })).toMatchObject({
      ok: false,
      fieldErrors: { releaseDate: "date_invalid" },
    });
    // Another band may use the same address.
    const other = await band();
    expect(await createRelease(db, other.user.id, other.artist.id, { title: "Première Lumière" })).toMatchObject({
      ok: true,
    });
  });

  it("cannot be published without a ready track", async () => {
    const { user, artist } = await band();
    const created = await createRelease(db, user.id, artist.id, { title: "Empty" });
    if (!created.ok) throw new Error("setup");
    expect(await setReleaseStatus(db, user.id, created.release.id, "published")).toEqual({
      ok: false,
      error: "no_ready_track",
    });
    const added = await upload(user.id, created.release.id, tone(dir, "pub", "wav", 1));
    expect(added.ok).toBe(true);
    expect(await setReleaseStatus(db, user.id, created.release.id, "published")).toEqual({
      ok: false,
      error: "no_ready_track",
    });
    await db.update(tracks).set({ status: "ready" }).where(eq(tracks.releaseId, created.release.id));
    await db.update(releases).set({ priceAmount: 700 }).where(eq(releases.id, created.release.id));
    expect(await setReleaseStatus(db, user.id, created.release.id, "published")).toMatchObject({
      ok: true,
      release: { status: "published" },
    });
  });

  it("cannot be published without a price: free has to be chosen, and a track sold on its own needs its own price", async () => {
    const { user, artist } = await band();
    const created = await createRelease(db, user.id, artist.id, { title: "Unpriced" });
    if (!created.ok) throw new Error("setup");
    const release = created.release;
    expect(release).toMatchObject({ pricingMode: "fixed", priceAmount: null });
    const added = await upload(user.id, release.id, tone(dir, "unpriced", "wav", 1));
    if (!added.ok) throw new Error("setup");
    await db.update(tracks).set({ status: "ready" }).where(eq(tracks.releaseId, release.id));

    expect(await setReleaseStatus(db, user.id, release.id, "published")).toEqual({
      ok: false,
      error: "release_unpriced",
    });
    expect((await db.select().from(releases).where(eq(releases.id, release.id)))[0]).toMatchObject({
      status: "draft",
      publishedAt: null,
    });

    // Free, chosen on purpose, publishes.
    const details = { title: "Unpriced", slug: release.slug, kind: "album" };
    expect(await updateRelease(db, user.id, release.id, { ...details, pricingMode: "free" })).toMatchObject({
      ok: true,
      release: { pricingMode: "free", priceAmount: 0 },
    });
    expect(await setReleaseStatus(db, user.id, release.id, "published")).toMatchObject({ ok: true });
    await setReleaseStatus(db, user.id, release.id, "draft");

    // A price set, but a track sold on its own with none (as a bulk edit or old data can leave it).
    expect(
      await updateRelease(db, user.id, release.id, { ...details, pricingMode: "fixed", priceAmount: "7" }),
    ).toMatchObject({ ok: true, release: { priceAmount: 700 } });
    await db.update(tracks).set({ pricingMode: "fixed", priceAmount: null }).where(eq(tracks.id, added.track.id));
    expect(await setReleaseStatus(db, user.id, release.id, "published")).toEqual({
      ok: false,
      error: "track_unpriced",
      track: { id: added.track.id, title: added.track.title },
    });
    await db.update(tracks).set({ priceAmount: 100 }).where(eq(tracks.id, added.track.id));
    expect(await setReleaseStatus(db, user.id, release.id, "published")).toMatchObject({
      ok: true,
      release: { status: "published" },
    });
  });

  it("an unpriced release already on sale (from before prices were required) is not sold for nothing", async () => {
    const { user, artist } = await band();
    const created = await createRelease(db, user.id, artist.id, { title: "Old Draft" });
    if (!created.ok) throw new Error("setup");
    await db
      .update(releases)
      .set({ status: "published", publishedAt: new Date() })
      .where(eq(releases.id, created.release.id));
    expect(
      await addToCart(db, {
        token: "unpriced-cart-token-0123456789",
        artist,
        item: { kind: "release", id: created.release.id },
      }),
    ).toEqual({ ok: false, error: "not_for_sale" });
    const [release] = await db.select().from(releases).where(eq(releases.id, created.release.id));
    expect((await releaseOffers(db, artist, release)).release).toMatchObject({ forSale: false, freeToTake: false });
    expect((await loadReleaseWidget(db, release.id))!.offer.state).toBe("blocked");
  });
});

describe("a member of band A, acting on band B's catalogue", () => {
  it("gets not_found from every function and changes nothing", async () => {
    const a = await band();
    const b = await band();
    const created = await createRelease(db, b.user.id, b.artist.id, { title: "B Side" });
    if (!created.ok) throw new Error("setup");
    const rel = created.release;
    const added = await upload(b.user.id, rel.id, tone(dir, "b-track", "flac", 1));
    if (!added.ok) throw new Error("setup");
    const trackId = added.track.id;

    expect(await createRelease(db, a.user.id, b.artist.id, { title: "Intruder" })).toEqual({
      ok: false,
      error: "not_found",
    });
    expect(await updateRelease(db, a.user.id, rel.id, { title: "Hacked", slug: "hacked" })).toEqual({
      ok: false,
      error: "not_found",
    });
    expect(await setReleaseStatus(db, a.user.id, rel.id, "published")).toEqual({ ok: false, error: "not_found" });
    expect(await getReleaseForEdit(db, a.user.id, rel.id)).toBeNull();
    expect(await upload(a.user.id, rel.id, tone(dir, "a-track", "wav", 1))).toEqual({ ok: false, reason: "not_found" });
    expect(await updateTrack(db, a.user.id, trackId, { title: "Mine now" })).toEqual({ ok: false, error: "not_found" });
    expect(await reorderTracks(db, a.user.id, rel.id, [trackId])).toEqual({ ok: false, error: "not_found" });
    expect(await retryTrackProcessing(db, a.user.id, trackId)).toEqual({ ok: false, error: "not_found" });
    expect(await deleteTrack(db, a.user.id, trackId)).toEqual({ ok: false, error: "not_found" });
    expect(await deleteRelease(db, a.user.id, rel.id)).toEqual({ ok: false, error: "not_found" });

    const [still] = await db.select().from(releases).where(eq(releases.id, rel.id));
    expect(still).toMatchObject({ title: "B Side", status: "draft" });
    expect(await db.select().from(tracks).where(eq(tracks.releaseId, rel.id))).toHaveLength(1);
    expect(await storage().stat(added.track.masterKey)).not.toBeNull();
  });
});

describe("uploading masters", () => {
  it("keeps a good WAV, titles it from the file name, and notes a lossy MP3", async () => {
    const { user, artist } = await band();
    const created = await createRelease(db, user.id, artist.id, { title: "Uploads" });
    if (!created.ok) throw new Error("setup");
    const wav = await upload(user.id, created.release.id, tone(dir, "wav-ok", "wav", 1), "01 - Opening Song.wav");
    expect(wav).toMatchObject({
      ok: true,
      lossy: false,
      track: { title: "Opening Song", position: 1, status: "processing" },
    });
    const mp3 = await upload(user.id, created.release.id, tone(dir, "mp3-ok", "mp3", 1, 440, "Tagged MP3"));
    expect(mp3).toMatchObject({ ok: true, lossy: true, track: { title: "Tagged MP3", position: 2 } });
  });

  it("refuses a PNG named song.wav, a truncated FLAC, a zero-byte file and a file over the limit, keeping nothing", async () => {
    const { user, artist } = await band();
    const created = await createRelease(db, user.id, artist.id, { title: "Bad files" });
    if (!created.ok) throw new Error("setup");
    const id = created.release.id;
    expect(await upload(user.id, id, pngNamedWav(dir))).toEqual({
      ok: false,
      reason: "not_audio",
      looksLike: "PNG image",
    });
    const cut = truncated(tone(dir, "whole", "flac", 20), `${dir}/cut.flac`);
    expect(await upload(user.id, id, cut)).toEqual({ ok: false, reason: "truncated" });
    expect(await upload(user.id, id, emptyFile(dir))).toEqual({ ok: false, reason: "empty" });
    const big = tone(dir, "big", "wav", 2);
    const size = readFileSync(big).length;
    process.env.MAX_UPLOAD_MB = String(size / 1024 / 1024 / 2);
    const { env } = await import("@/lib/env");
    const limit = env().MAX_UPLOAD_MB;
    try {
      // Declared too large: refused before reading. Undeclared: cut off while streaming.
      (env() as { MAX_UPLOAD_MB: number }).MAX_UPLOAD_MB = size / 1024 / 1024 / 2;
      expect(await upload(user.id, id, big)).toMatchObject({ ok: false, reason: "too_large" });
      expect(
        await receiveTrackUpload(db, user.id, id, "big.wav", Readable.from(readFileSync(big)), null),
      ).toMatchObject({ ok: false, reason: "too_large" });
    } finally {
      (env() as { MAX_UPLOAD_MB: number }).MAX_UPLOAD_MB = limit;
    }
    expect(await db.select().from(tracks).where(eq(tracks.releaseId, id))).toHaveLength(0);
    const leftovers = await storage()
      .localCopy(`masters/${artist.id}`)
      .then((c) => c.path);
    const { readdirSync, existsSync } = await import("node:fs");
    expect(existsSync(leftovers) ? readdirSync(leftovers) : []).toEqual([]);
  });
});

describe("tracks", () => {
  it("reorder, validate ISRC, and take their files with them when deleted", async () => {
    const { user, artist } = await band();
    const created = await createRelease(db, user.id, artist.id, { title: "Order" });
    if (!created.ok) throw new Error("setup");
    const id = created.release.id;
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      const r = await upload(user.id, id, tone(dir, `order-${n}`, "wav", 1), `Song ${n}.wav`);
      if (r.ok) ids.push(r.track.id);
    }
    expect(await reorderTracks(db, user.id, id, [ids[2], ids[0], ids[1]])).toEqual({ ok: true });
    const titles = async () => (await getReleaseForEdit(db, user.id, id))!.tracks.map((t) => t.title);
    expect(await titles()).toEqual(["Song 3", "Song 1", "Song 2"]);
    expect(await reorderTracks(db, user.id, id, [ids[0], ids[1]])).toEqual({ ok: false, error: "invalid" });

    expect(await updateTrack(db, user.id, ids[0], { title: "Song 1", isrc: "fr-ab1-25-00001" })).toMatchObject({
      ok: true,
      track: { isrc: "FRAB12500001" },
    });
    expect(await updateTrack(db, user.id, ids[0], { title: "Song 1", isrc: "123" })).toMatchObject({
      ok: false,
      fieldErrors: { isrc: "isrc_invalid" },
    });
    expect(
      await updateTrack(db, user.id, ids[0], { title: "Song 1", streaming: "clip", clipSeconds: "2" }),
    ).toMatchObject({ ok: false, fieldErrors: { clipSeconds: "clip_invalid" } });

    const [victim] = await db.select().from(tracks).where(eq(tracks.id, ids[0]));
    expect(await deleteTrack(db, user.id, ids[0])).toEqual({ ok: true });
    expect(await storage().stat(victim.masterKey)).toBeNull();
    expect(await titles()).toEqual(["Song 3", "Song 2"]);
    expect((await getReleaseForEdit(db, user.id, id))!.tracks.map((t) => t.position)).toEqual([1, 2]);

    const [kept] = await db.select().from(tracks).where(eq(tracks.id, ids[1]));
    expect(await deleteRelease(db, user.id, id)).toEqual({ ok: true });
    expect(await storage().stat(kept.masterKey)).toBeNull();
    expect(await db.select().from(releases).where(eq(releases.id, id))).toHaveLength(0);
  });
});
