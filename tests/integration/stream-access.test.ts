import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync, type ReadStream } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET, HEAD } from "@/app/api/stream/[trackId]/route";
import { tracks } from "@/db/schema";
import { setStorageForTests, storage, type StorageDriver } from "@/lib/storage";
import { publishedStreamCache } from "@/lib/stream/stream";
import { addMember, makeArtist, makeUser, useTestDb } from "@/tests/support/factories";
import { makeStreamableTrack, makeStreamMp3 } from "@/tests/support/stream-fixtures";

let viewer: { id: string; email: string; name: string | null } | null = null;
vi.mock("@/lib/auth", () => ({ currentUser: async () => viewer }));

const db = useTestDb();
let mp3 = "";
let file: Buffer;

beforeAll(() => {
  mp3 = makeStreamMp3(6);
  file = readFileSync(mp3);
});
afterEach(() => {
  viewer = null;
});

async function band() {
  const owner = await makeUser(db);
  // Pro: each streamable track comes on a published release of its own.
  const artist = await makeArtist(db, owner.id, { plan: "pro" });
  return { owner, artist };
}

function call(id: string, headers: Record<string, string> = {}, method: "GET" | "HEAD" = "GET", signal?: AbortSignal) {
  const request = new Request(`http://localhost/api/stream/${id}`, { method, headers, signal });
  return (method === "GET" ? GET : HEAD)(request, { params: Promise.resolve({ trackId: id }) });
}

const bytes = async (response: Response) => Buffer.from(await response.arrayBuffer());

describe("a clip-only track", () => {
  const CLIP_SECONDS = 2;
  const CLIP = CLIP_SECONDS * 16000;
  let trackId = "";
  beforeAll(async () => {
    const { artist } = await band();
    ({
      track: { id: trackId },
    } = await makeStreamableTrack(db, artist.id, { file: mp3, streaming: "clip", clipSeconds: CLIP_SECONDS }));
    expect(file.length).toBeGreaterThan(CLIP * 2);
  });

  // Every form a browser or a downloader might try, and the span of the clip it must get.
  const table: [string, string | undefined, number, [number, number] | null][] = [
    ["no Range", undefined, 200, [0, CLIP - 1]],
    ["bytes=0-1", "bytes=0-1", 206, [0, 1]],
    ["bytes=0-", "bytes=0-", 206, [0, CLIP - 1]],
    ["bytes=N- inside the clip", "bytes=30000-", 206, [30000, CLIP - 1]],
    ["bytes=-N counts back from the clip's end, not the file's", "bytes=-100", 206, [CLIP - 100, CLIP - 1]],
    ["bytes=-N longer than the clip", "bytes=-999999", 206, [0, CLIP - 1]],
    ["bytes=a-b across the clip's end", "bytes=31000-60000", 206, [31000, CLIP - 1]],
    ["bytes=a-b entirely past the clip", "bytes=40000-50000", 416, null],
    ["bytes=N- at the clip's end", `bytes=${CLIP}-`, 416, null],
    ["several ranges reaching past the clip", "bytes=0-1,40000-50000", 200, [0, CLIP - 1]],
  ];

  it.each(table)("%s never sends a byte past the clip", async (_name, range, status, span) => {
    const response = await call(trackId, range ? { range } : {});
    expect(response.status).toBe(status);
    const body = await bytes(response);
    if (!span) {
      expect(response.headers.get("content-range")).toBe(`bytes */${CLIP}`);
      expect(body.length).toBe(0);
      return;
    }
    expect(response.headers.get("content-length")).toBe(String(span[1] - span[0] + 1));
    if (status === 206) expect(response.headers.get("content-range")).toBe(`bytes ${span[0]}-${span[1]}/${CLIP}`);
    expect(body.equals(file.subarray(span[0], span[1] + 1))).toBe(true);
  });

  it("plays for the clip's seconds", async () => {
    const clip = path.join(mkdtempSync(path.join(tmpdir(), "merchtable-clip-")), "clip.mp3");
    writeFileSync(clip, await bytes(await call(trackId)));
    const probe = spawnSync(
      process.env.FFPROBE_PATH ?? "ffprobe",
      ["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", clip],
      { encoding: "utf8" },
    );
    expect(Number(probe.stdout.trim())).toBeCloseTo(CLIP_SECONDS, 1);
  });

  it("reports the clip's length to HEAD", async () => {
    const response = await call(trackId, {}, "HEAD");
    expect(response.headers.get("content-length")).toBe(String(CLIP));
  });

  it("is the whole file when the clip is longer than the track", async () => {
    const { artist } = await band();
    const { track } = await makeStreamableTrack(db, artist.id, { file: mp3, streaming: "clip", clipSeconds: 600 });
    const response = await call(track.id);
    expect((await bytes(response)).equals(file)).toBe(true);
  });
});

describe("who may hear a draft", () => {
  it("strangers and other bands get a 404; the band's members hear it, privately", async () => {
    const { owner, artist } = await band();
    const drummer = await makeUser(db);
    await addMember(db, artist.id, drummer.id);
    const outsider = await makeUser(db);
    const { track } = await makeStreamableTrack(db, artist.id, { file: mp3, releaseStatus: "draft" });

    viewer = null;
    const anonymous = await call(track.id, { range: "bytes=0-1" });
    expect(anonymous.status).toBe(404);
    expect(anonymous.headers.get("cache-control")).toBe("no-store");

    viewer = { id: outsider.id, email: outsider.email, name: null };
    expect((await call(track.id, { range: "bytes=0-1" })).status).toBe(404);
    expect((await call(track.id, {}, "HEAD")).status).toBe(404);

    for (const member of [owner, drummer]) {
      viewer = { id: member.id, email: member.email, name: null };
      const response = await call(track.id, { range: "bytes=0-1" });
      expect(response.status).toBe(206);
      expect(response.headers.get("cache-control")).toBe("private, no-store");
      expect((await bytes(response)).equals(file.subarray(0, 2))).toBe(true);
    }
  });
});

describe("tracks nobody can stream", () => {
  it("a track the band switched off is a 404, even for the band", async () => {
    const { owner, artist } = await band();
    const { track } = await makeStreamableTrack(db, artist.id, { file: mp3, streaming: "off" });
    expect((await call(track.id)).status).toBe(404);
    viewer = { id: owner.id, email: owner.email, name: null };
    expect((await call(track.id, { range: "bytes=0-1" })).status).toBe(404);
  });

  it("a track still processing, or whose processing failed, is a 404", async () => {
    const { artist } = await band();
    for (const status of ["processing", "failed"] as const) {
      const { track } = await makeStreamableTrack(db, artist.id, { file: mp3, status });
      const response = await call(track.id);
      expect(response.status).toBe(404);
      expect(await response.text()).toBe("Not found");
    }
  });

  it("an unknown id, an empty or an absurd one is a 404", async () => {
    for (const id of [crypto.randomUUID(), "not-a-track", "x".repeat(500)]) {
      expect((await call(id)).status, id).toBe(404);
    }
  });

  it("a ready track whose stream file is missing and unrecorded is a 404", async () => {
    const { artist } = await band();
    const { track } = await makeStreamableTrack(db, artist.id, { file: mp3, withoutSize: true });
    await storage().delete(track.streamKey!);
    expect((await call(track.id)).status).toBe(404);
  });

  it("a track switched off after a fan loaded the page stops once the few cached seconds pass", async () => {
    let now = 1_000_000;
    publishedStreamCache.configure({ now: () => now });
    try {
      const { artist } = await band();
      const { track } = await makeStreamableTrack(db, artist.id, { file: mp3 });
      expect((await call(track.id, { range: "bytes=0-1" })).status).toBe(206);
      await db.update(tracks).set({ streaming: "off" }).where(eq(tracks.id, track.id));
      now += 5_000;
      expect((await call(track.id, { range: "bytes=2-" })).status).toBe(404);
    } finally {
      publishedStreamCache.configure();
    }
  });
});

describe("a listener who goes away", () => {
  it("closes the file as soon as the request is aborted", async () => {
    const { artist } = await band();
    // Large enough that the file cannot simply have been read to its end.
    const big = path.join(mkdtempSync(path.join(tmpdir(), "merchtable-big-")), "big.mp3");
    writeFileSync(big, randomBytes(8 * 1024 * 1024));
    const { track } = await makeStreamableTrack(db, artist.id, { file: big });
    const real = storage();
    const opened: Readable[] = [];
    const spy: StorageDriver = {
      ...real,
      read: async (key, range) => {
        const stream = await real.read(key, range);
        opened.push(stream);
        return stream;
      },
    };
    setStorageForTests(spy);
    try {
      const controller = new AbortController();
      const response = await call(track.id, {}, "GET", controller.signal);
      const reader = response.body!.getReader();
      await reader.read();
      expect(opened).toHaveLength(1);
      expect(opened[0].destroyed).toBe(false);
      controller.abort();
      // Under a loaded machine the abort can take longer than waitFor's default second to reach the file.
      await vi.waitFor(() => expect(opened[0].destroyed).toBe(true), { timeout: 5000 });
      expect((opened[0] as ReadStream).bytesRead).toBeLessThan(1024 * 1024);
    } finally {
      setStorageForTests(real);
    }
  });

  it("answers quietly, without opening or keeping the file, when the listener left before the answer", async () => {
    const { artist } = await band();
    const { track } = await makeStreamableTrack(db, artist.id, { file: mp3 });
    const real = storage();
    const opened: Readable[] = [];
    const gone = new AbortController();
    setStorageForTests({
      ...real,
      read: async (key, range) => {
        const stream = await real.read(key, range);
        opened.push(stream);
        gone.abort(); // the listener hangs up while the file is being opened
        return stream;
      },
    });
    try {
      const left = new AbortController();
      left.abort();
      const early = await call(track.id, { range: "bytes=0-99" }, "GET", left.signal);
      expect(early.status).toBe(206);
      expect(early.body).toBeNull();
      expect(opened).toHaveLength(0);

      const during = await call(track.id, { range: "bytes=0-99" }, "GET", gone.signal);
      expect(during.body).toBeNull();
      expect(opened).toHaveLength(1);
      expect(opened[0].destroyed).toBe(true);
    } finally {
      setStorageForTests(real);
    }
  });
});
