import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { tracks } from "@/db/schema";
import { processTrack } from "@/lib/audio/pipeline";
import { createRelease } from "@/lib/catalog/releases";
import { receiveTrackUpload } from "@/lib/catalog/tracks";
import { naturalNameOrder, type UploadPlace } from "@/lib/catalog/upload-order";
import { enqueueTrackProcessing } from "@/lib/queue";
import { trackJobExpirySeconds } from "@/lib/queue/expiry";
import { makeAudioDir, tone } from "@/tests/support/audio-fixtures";
import { makeArtist, makeUser, useTestDb } from "@/tests/support/factories";

const db = useTestDb();
const dir = makeAudioDir();

function ffmpeg(args: string[], stdout?: string) {
  const result = spawnSync("ffmpeg", ["-v", "error", "-y", ...args], { maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`ffmpeg ${args.join(" ")}: ${result.stderr}`);
  if (stdout) writeFileSync(stdout, result.stdout);
}

/** A short FLAC whose tags say which track of the album it is. */
function taggedFlac(name: string, trackNumber: number) {
  const file = path.join(dir, name);
  ffmpeg([
    "-f",
    "lavfi",
    "-i",
    `sine=frequency=${200 + trackNumber * 50}:duration=1`,
    "-ac",
    "2",
    "-metadata",
    `title=Song ${trackNumber}`,
    "-metadata",
    `track=${trackNumber}`,
    "-c:a",
    "flac",
    file,
  ]);
  return file;
}

async function newRelease() {
  const user = await makeUser(db);
  const artist = await makeArtist(db, user.id);
  const created = await createRelease(db, user.id, artist.id, { title: "Picked Together" });
  if (!created.ok) throw new Error("setup");
  return { user, releaseId: created.release.id };
}

const upload = (
  userId: string,
  releaseId: string,
  file: string,
  place: UploadPlace | null,
  name = path.basename(file),
) =>
  receiveTrackUpload(db, userId, releaseId, name, Readable.from(readFileSync(file)), readFileSync(file).length, place);

/** What the browser does when several files are picked: a batch, each file's place by name. */
function pick(files: string[]) {
  const batch = Date.now();
  return [...files]
    .sort((a, b) => naturalNameOrder(path.basename(a), path.basename(b)))
    .map((file, index) => ({ file, place: { batch, index } }));
}

const titles = async (releaseId: string) =>
  (
    await db
      .select({ title: tracks.title, position: tracks.position })
      .from(tracks)
      .where(eq(tracks.releaseId, releaseId))
      .orderBy(asc(tracks.position))
  ).map((t) => `${t.position}. ${t.title}`);

describe("tracks picked together", () => {
  it("are numbered by their tags' track numbers, whichever upload finishes first", async () => {
    const { user, releaseId } = await newRelease();
    await upload(user.id, releaseId, tone(dir, "earlier", "wav", 1, 440, "Already There"), null);
    // File names disagree with the tags on purpose; the uploads land in a shuffled order.
    const picked = pick([
      taggedFlac("a.flac", 3),
      taggedFlac("b.flac", 1),
      taggedFlac("c.flac", 4),
      taggedFlac("d.flac", 2),
    ]);
    for (const i of [2, 0, 3, 1])
      expect((await upload(user.id, releaseId, picked[i].file, picked[i].place)).ok).toBe(true);
    expect(await titles(releaseId)).toEqual(["1. Already There", "2. Song 1", "3. Song 2", "4. Song 3", "5. Song 4"]);
  });

  it("without tags, are numbered by file name as a person reads it (2 before 10), even when all land at once", async () => {
    const { user, releaseId } = await newRelease();
    const names = ["10 Coda", "2 Second", "1 Intro", "3 Third"];
    const picked = pick(names.map((n) => tone(dir, n, "wav", 1)));
    const shuffled = [picked[3], picked[1], picked[2], picked[0]];
    const results = await Promise.all(shuffled.map((p) => upload(user.id, releaseId, p.file, p.place)));
    expect(results.every((r) => r.ok)).toBe(true);
    // (The leading numbers of the names are dropped from the titles.)
    expect(await titles(releaseId)).toEqual(["1. Intro", "2. Second", "3. Third", "4. Coda"]);
    // A later batch goes after them, and a file sent without a place (an old browser) at the end.
    const later = pick([tone(dir, "B Side", "wav", 1), tone(dir, "A Side", "wav", 1)]);
    await upload(user.id, releaseId, later[1].file, later[1].place);
    await upload(user.id, releaseId, tone(dir, "Loose", "wav", 1), null);
    await upload(user.id, releaseId, later[0].file, later[0].place);
    expect((await titles(releaseId)).slice(4)).toEqual(["5. A Side", "6. B Side", "7. Loose"]);
  });
});

describe("a WAV written to a pipe (its header does not know its size)", () => {
  it("gets its real duration, whether the header says 0xFFFFFFFF or 0", async () => {
    const { user, releaseId } = await newRelease();
    const streamed = path.join(dir, "streamed.wav");
    ffmpeg(
      ["-f", "lavfi", "-i", "sine=frequency=330:duration=5:sample_rate=44100", "-ac", "2", "-f", "wav", "pipe:1"],
      streamed,
    );
    const bytes = readFileSync(streamed);
    expect(bytes.readUInt32LE(bytes.indexOf("data") + 4)).toBe(0xffffffff);
    const zero = Buffer.from(bytes);
    zero.writeUInt32LE(0, 4);
    zero.writeUInt32LE(0, zero.indexOf("data") + 4);
    writeFileSync(path.join(dir, "zero-size.wav"), zero);

    for (const file of [streamed, path.join(dir, "zero-size.wav")]) {
      const result = await upload(user.id, releaseId, file, null);
      if (!result.ok) throw new Error(`${file}: ${result.reason}`);
      expect(result.track.durationMs, file).toBe(5000);
      expect(result.track.master, file).toMatchObject({ sampleRate: 44100, channels: 2 });
      expect(await processTrack(db, result.track.id)).toEqual({ ok: true });
      const [row] = await db.select().from(tracks).where(eq(tracks.id, result.track.id));
      expect(row).toMatchObject({ status: "ready", durationMs: 5000 });
      // 128 kbps for five seconds, not 45 ms.
      expect(row.streamSize).toBeGreaterThan(70_000);
    }
  });
});

describe("a WAV whose header gives a placeholder size", () => {
  it("is stored with its sizes corrected and keeps all five seconds, not the 45 ms the header counts", async () => {
    const { user, releaseId } = await newRelease();
    const piped = path.join(dir, "placeholder-source.wav");
    ffmpeg(
      ["-f", "lavfi", "-i", "sine=frequency=440:duration=5:sample_rate=44100", "-ac", "2", "-f", "wav", "pipe:1"],
      piped,
    );
    const bytes = Buffer.from(readFileSync(piped));
    bytes.writeUInt32LE(8000, 4);
    bytes.writeUInt32LE(8000, bytes.indexOf("data") + 4);
    const file = path.join(dir, "placeholder.wav");
    writeFileSync(file, bytes);

    const result = await upload(user.id, releaseId, file, null);
    if (!result.ok) throw new Error(result.reason);
    expect(result.track.durationMs).toBe(5000);
    expect(await processTrack(db, result.track.id)).toEqual({ ok: true });
    const [row] = await db.select().from(tracks).where(eq(tracks.id, result.track.id));
    expect(row).toMatchObject({ status: "ready", durationMs: 5000 });
    expect(row.streamSize).toBeGreaterThan(70_000);
  });

  it("leaves an honest WAV with a chunk after its audio as it is", async () => {
    const { user, releaseId } = await newRelease();
    const file = path.join(dir, "with-trailer.wav");
    ffmpeg([
      "-f",
      "lavfi",
      "-i",
      "sine=frequency=440:duration=2:sample_rate=44100",
      "-ac",
      "2",
      "-c:a",
      "pcm_s16le",
      file,
    ]);
    const trailer = Buffer.alloc(8 + 200_000, 0x41);
    trailer.write("id3 ", 0, "latin1");
    trailer.writeUInt32LE(200_000, 4);
    const bytes = Buffer.concat([readFileSync(file), trailer]);
    bytes.writeUInt32LE(bytes.length - 8, 4);
    writeFileSync(file, bytes);

    const result = await upload(user.id, releaseId, file, null);
    if (!result.ok) throw new Error(result.reason);
    expect(result.track.durationMs).toBe(2000);
    expect(result.track.masterSize).toBe(bytes.length);
  });
});

describe("an uploaded track and its conversion job", () => {
  const jobsOf = async (trackId: string) =>
    (await db.execute<{ state: string; expire: number }>(
      sql`select state::text as state, extract(epoch from expire_in)::int as expire from pgboss.job where name = 'track-process' and singleton_key = ${trackId}`,
    )) as unknown as { state: string; expire: number }[];

  it("are saved together, with an expiry that fits the track's length", async () => {
    const { user, releaseId } = await newRelease();
    const result = await upload(user.id, releaseId, tone(dir, "queued-with-row", "wav", 2), null);
    if (!result.ok) throw new Error(result.reason);
    expect(result.track.status).toBe("processing");
    expect(await jobsOf(result.track.id)).toEqual([{ state: "created", expire: trackJobExpirySeconds(2000) }]);
    expect(trackJobExpirySeconds(2000)).toBeLessThan(trackJobExpirySeconds(3_600_000));
    expect(trackJobExpirySeconds(3_600_000)).toBeLessThanOrEqual(20 * 60);
  });

  it("leaves no job behind when the transaction that marks the track rolls back", async () => {
    const { user, releaseId } = await newRelease();
    const result = await upload(user.id, releaseId, tone(dir, "rolled-back", "wav", 1), null);
    if (!result.ok) throw new Error(result.reason);
    const trackId = result.track.id;
    await db.execute(sql`delete from pgboss.job where singleton_key = ${trackId}`);
    await expect(
      db.transaction(async (tx) => {
        await tx.update(tracks).set({ status: "processing" }).where(eq(tracks.id, trackId));
        await enqueueTrackProcessing(trackId, { durationMs: 1000, tx });
        throw new Error("crash between the two steps");
      }),
    ).rejects.toThrow("crash");
    expect(await jobsOf(trackId)).toEqual([]);
  });
});
