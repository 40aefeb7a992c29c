import path from "node:path";
import { eq } from "drizzle-orm";
import { parseBuffer } from "music-metadata";
import { describe, expect, it } from "vitest";
import { preparedArchives, releases, trackFiles, tracks } from "@/db/schema";
import { audioKeys, type DownloadFormatId } from "@/lib/audio/formats";
import { ensureDownload } from "@/lib/audio/pipeline";
import { probeMaster } from "@/lib/audio/probe";
import { updateTrack } from "@/lib/catalog/tracks";
import { storage } from "@/lib/storage";
import { makeAudioDir, tone } from "@/tests/support/audio-fixtures";
import { makeArtist, makeUser, unique, useTestDb } from "@/tests/support/factories";

const db = useTestDb();
const dir = makeAudioDir();
const LYRICS = "Première ligne, with “quotes”\nSecond line = not a formula\n\nChorus: la la la";

async function trackWithLyrics(lyrics: string) {
  const user = await makeUser(db);
  const artist = await makeArtist(db, user.id, { name: "Les Paroles" });
  const [release] = await db
    .insert(releases)
    .values({ artistId: artist.id, slug: unique("rel"), title: "Mots", status: "published", publishedAt: new Date() })
    .returning();
  const file = tone(dir, unique("t"), "flac", 1);
  const probe = await probeMaster(file);
  if (!probe.ok) throw new Error(probe.reason);
  const id = crypto.randomUUID();
  const masterKey = audioKeys.master(artist.id, id, path.extname(file).slice(1));
  await storage().putFromPath(masterKey, file);
  await db.insert(tracks).values({
    id,
    releaseId: release.id,
    artistId: artist.id,
    position: 1,
    title: "Chanson",
    lyrics,
    masterKey,
    master: probe.info,
    durationMs: probe.durationMs,
    status: "ready",
  });
  return { user, artist, release, trackId: id };
}

async function lyricsIn(key: string, mime: string) {
  const chunks: Buffer[] = [];
  for await (const chunk of await storage().read(key)) chunks.push(Buffer.from(chunk as Buffer));
  const meta = await parseBuffer(Buffer.concat(chunks), { mimeType: mime });
  return { text: meta.common.lyrics?.[0]?.text, title: meta.common.title, native: meta.native };
}

describe("lyrics in downloaded files' tags", () => {
  const formats: [DownloadFormatId, string][] = [
    ["mp3-320", "audio/mpeg"],
    ["mp3-v0", "audio/mpeg"],
    ["flac", "audio/flac"],
    ["ogg", "audio/ogg"],
    ["opus", "audio/ogg"],
    ["aac", "audio/mp4"],
    ["alac", "audio/mp4"],
  ];
  it.each(formats)("are written into %s files (read back with music-metadata)", async (format, mime) => {
    const { trackId } = await trackWithLyrics(LYRICS);
    const file = await ensureDownload(db, trackId, format);
    const read = await lyricsIn(file.key, mime);
    expect(read.text).toBe(LYRICS);
    expect(read.title).toBe("Chanson");
    if (format.startsWith("mp3")) expect(read.native["ID3v2.4"].some((tag) => tag.id === "USLT")).toBe(true);
  });

  it("are left out when the track has none, and the other tags stay", async () => {
    const { trackId } = await trackWithLyrics("");
    const file = await ensureDownload(db, trackId, "mp3-320");
    const read = await lyricsIn(file.key, "audio/mpeg");
    expect(read.text).toBeUndefined();
    expect(read.title).toBe("Chanson");
  });

  it("are remade after the band changes them: cached files and the release's zips are dropped", async () => {
    const { user, release, trackId } = await trackWithLyrics("Old words");
    const before = await ensureDownload(db, trackId, "flac");
    await ensureDownload(db, trackId, "mp3-320");
    await db
      .insert(preparedArchives)
      .values({ releaseId: release.id, format: "flac", version: "v1", key: unique("archives/x"), status: "ready" });
    // Another field changed: nothing is remade.
    expect((await updateTrack(db, user.id, trackId, { title: "Chanson", lyrics: "Old words", isrc: "" })).ok).toBe(
      true,
    );
    expect(await db.select().from(trackFiles).where(eq(trackFiles.trackId, trackId))).toHaveLength(2);

    expect((await updateTrack(db, user.id, trackId, { title: "Chanson", lyrics: "New words", isrc: "" })).ok).toBe(
      true,
    );
    expect(await db.select().from(trackFiles).where(eq(trackFiles.trackId, trackId))).toHaveLength(0);
    expect(await db.select().from(preparedArchives).where(eq(preparedArchives.releaseId, release.id))).toHaveLength(0);
    expect(await storage().stat(before.key)).toBeNull();
    const after = await ensureDownload(db, trackId, "flac");
    expect((await lyricsIn(after.key, "audio/flac")).text).toBe("New words");
  });

  it("are refused past 20,000 characters, and another band's member cannot change them", async () => {
    const { user, trackId } = await trackWithLyrics("Mine");
    const tooLong = await updateTrack(db, user.id, trackId, { title: "Chanson", lyrics: "x".repeat(20_001) });
    expect(tooLong.ok).toBe(false);
    const stranger = await makeUser(db);
    expect(await updateTrack(db, stranger.id, trackId, { title: "Chanson", lyrics: "Theirs" })).toEqual({
      ok: false,
      error: "not_found",
    });
    const [row] = await db.select({ lyrics: tracks.lyrics }).from(tracks).where(eq(tracks.id, trackId));
    expect(row.lyrics).toBe("Mine");
  });
});
