import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { releases, trackFiles, tracks } from "@/db/schema";
import { audioKeys, DOWNLOAD_FORMATS } from "@/lib/audio/formats";
import { ensureDownload, processTrack } from "@/lib/audio/pipeline";
import { probeMaster } from "@/lib/audio/probe";
import { processImage } from "@/lib/images";
import { startWorkers } from "@/lib/jobs";
import { enqueueTrackProcessing } from "@/lib/queue";
import { storage } from "@/lib/storage";
import {
  durationOf,
  emptyFile,
  makeAudioDir,
  pngNamedWav,
  tagsOf,
  tone,
  truncated,
} from "@/tests/support/audio-fixtures";
import { makeArtist, makeUser, unique, useTestDb } from "@/tests/support/factories";

const db = useTestDb();
const dir = makeAudioDir();

describe("reading a master", () => {
  it("accepts WAV, FLAC, AIFF, ALAC and MP3 (lossy), with tags and duration", async () => {
    for (const kind of ["wav", "flac", "aiff", "alac.m4a"]) {
      const result = await probeMaster(tone(dir, `ok-${kind}`, kind, 2, 440, "Tagged Title"));
      expect(result, kind).toMatchObject({ ok: true, info: { lossless: true, sampleRate: 44100, channels: 2 } });
      if (result.ok) expect(Math.abs(result.durationMs - 2000), kind).toBeLessThan(60);
    }
    const mp3 = await probeMaster(tone(dir, "ok-mp3", "mp3", 2, 440, "Lossy One"));
    expect(mp3).toMatchObject({ ok: true, info: { container: "mp3", lossless: false }, tags: { title: "Lossy One" } });
  });

  it("refuses a PNG named song.wav, a truncated FLAC, a zero-byte file and AAC, saying why", async () => {
    expect(await probeMaster(pngNamedWav(dir))).toEqual({ ok: false, reason: "not_audio", looksLike: "PNG image" });
    const flac = tone(dir, "long", "flac", 20);
    expect(await probeMaster(truncated(flac, path.join(dir, "cut.flac")))).toMatchObject({
      ok: false,
      reason: "truncated",
    });
    const wav = tone(dir, "long", "wav", 5);
    expect(await probeMaster(truncated(wav, path.join(dir, "cut.wav")))).toMatchObject({
      ok: false,
      reason: "truncated",
    });
    expect(await probeMaster(emptyFile(dir))).toEqual({ ok: false, reason: "empty" });
    expect(await probeMaster(tone(dir, "aac", "aac.m4a", 2))).toEqual({ ok: false, reason: "lossy_aac" });
  });
});

async function trackFromFile(file: string, options: { lossless?: boolean; title?: string } = {}) {
  const user = await makeUser(db);
  const artist = await makeArtist(db, user.id, { name: "The Testers" });
  const releaseId = crypto.randomUUID();
  const cover = await processImage(
    await (
      await import("sharp")
    )
      .default({ create: { width: 800, height: 800, channels: 3, background: "#c33" } })
      .png()
      .toBuffer(),
    "cover",
  );
  const artworkKey = `artists/${artist.id}/releases/${releaseId}/cover-test`;
  if (cover.ok) for (const v of cover.variants) await storage().put(`${artworkKey}-${v.suffix}.webp`, v.data);
  await db.insert(releases).values({
    id: releaseId,
    artistId: artist.id,
    slug: unique("rel"),
    title: "Test Album",
    releaseDate: "2025-05-01",
    artworkKey,
  });
  const trackId = crypto.randomUUID();
  const masterKey = audioKeys.master(artist.id, trackId, path.extname(file).slice(1));
  await storage().putFromPath(masterKey, file);
  const probe = await probeMaster(file);
  await db.insert(tracks).values({
    id: trackId,
    releaseId,
    artistId: artist.id,
    position: 1,
    title: options.title ?? "First Tone",
    masterKey,
    master: probe.ok
      ? probe.info
      : {
          container: "wav",
          lossless: options.lossless ?? true,
          sampleRate: 44100,
          bitsPerSample: 16,
          channels: 2,
          bitrate: null,
        },
    durationMs: probe.ok ? probe.durationMs : null,
  });
  return { trackId, artistId: artist.id };
}

const trackRow = async (id: string) => (await db.select().from(tracks).where(eq(tracks.id, id)))[0];

describe("the audio pipeline", () => {
  it("makes the streaming file (128 kbps CBR), the waveform and every download format with tags", async () => {
    const { trackId } = await trackFromFile(tone(dir, "pipeline", "wav", 4, 330));
    expect(await processTrack(db, trackId)).toEqual({ ok: true });
    const track = await trackRow(trackId);
    expect(track.status).toBe("ready");
    expect(track.peaks).toHaveLength(240);
    expect(Math.max(...track.peaks!)).toBe(1);
    expect(track.durationMs).toBe(4000);
    // CBR 128k: 16,000 bytes a second.
    expect(Math.abs(track.streamSize! - 4 * 16000)).toBeLessThan(2000);
    const stream = await storage().localCopy(track.streamKey!);
    expect(Math.abs(durationOf(stream.path) - 4)).toBeLessThan(0.1);

    for (const format of DOWNLOAD_FORMATS) {
      const file = await ensureDownload(db, trackId, format.id);
      const copy = await storage().localCopy(file.key);
      expect(Math.abs(durationOf(copy.path) - 4), format.id).toBeLessThan(0.1);
      const tags = tagsOf(copy.path);
      expect(tags.title, format.id).toBe("First Tone");
      expect(tags.album, format.id).toBe("Test Album");
      expect(tags.artist, format.id).toBe("The Testers");
    }
  });

  it("makes a download once even when asked twice at the same time", async () => {
    const { trackId } = await trackFromFile(tone(dir, "twice", "flac", 2));
    const [a, b] = await Promise.all([ensureDownload(db, trackId, "mp3-320"), ensureDownload(db, trackId, "mp3-320")]);
    expect(a.key).toBe(b.key);
    expect(await db.select().from(trackFiles).where(eq(trackFiles.trackId, trackId))).toHaveLength(1);
  });

  it("offers no lossless download from a lossy master", async () => {
    const { trackId } = await trackFromFile(tone(dir, "lossy", "mp3", 2));
    await expect(ensureDownload(db, trackId, "flac")).rejects.toThrow(/lossless master/);
    expect((await ensureDownload(db, trackId, "ogg")).size).toBeGreaterThan(0);
  });

  it("marks a master it cannot decode as failed, with a reason", async () => {
    const broken = path.join(mkdtempSync(path.join(tmpdir(), "mt-")), "broken.wav");
    writeFileSync(broken, Buffer.concat([Buffer.from("RIFF\0\0\0\0WAVEfmt "), Buffer.alloc(64, 7)]));
    const { trackId } = await trackFromFile(broken);
    expect(await processTrack(db, trackId)).toMatchObject({ ok: false });
    const track = await trackRow(trackId);
    expect(track.status).toBe("failed");
    expect(track.statusError).toMatch(/Export it again/);
  });

  it("runs queued work in the background worker", async () => {
    const stop = await startWorkers();
    try {
      const { trackId } = await trackFromFile(tone(dir, "queued", "flac", 2));
      await enqueueTrackProcessing(trackId);
      let track = await trackRow(trackId);
      // The worker may first take jobs that other test files queued at the same time.
      for (let i = 0; i < 240 && track.status === "processing"; i++) {
        await new Promise((r) => setTimeout(r, 250));
        track = await trackRow(trackId);
      }
      expect(track.status).toBe("ready");
    } finally {
      await stop();
    }
  }, 90_000);
});
