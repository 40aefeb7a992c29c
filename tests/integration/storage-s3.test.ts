import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/stream/[trackId]/route";
import { parseEnv } from "@/lib/env";
import { setStorageForTests, storage, TooLargeError, type StorageDriver } from "@/lib/storage";
import { s3Driver } from "@/lib/storage/s3";
import { makeArtist, makeUser, useTestDb } from "@/tests/support/factories";
import { standInSettings, startS3StandIn, type S3StandIn } from "@/tests/support/s3-stand-in";
import { makeStreamableTrack, makeStreamMp3 } from "@/tests/support/stream-fixtures";

vi.mock("@/lib/auth", () => ({ currentUser: async () => null }));

const MiB = 1024 * 1024;
let s3: S3StandIn;
let driver: StorageDriver;

beforeAll(async () => {
  // Pages of 3 keys, so deleting a folder has to follow continuation tokens.
  s3 = await startS3StandIn({ listPageSize: 3 });
  const config = parseEnv({
    ...standInSettings(s3),
  });
  driver = s3Driver(config, { partSize: 5 * MiB });
});
afterAll(() => s3.close());

const sha = (data: Buffer) => createHash("sha256").update(data).digest("hex");
const collect = async (stream: Readable) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};
/** A stream of `size` random bytes in small chunks, as a request body arrives. */
function chunked(data: Buffer, chunk = 64 * 1024) {
  return Readable.from(
    (function* () {
      for (let i = 0; i < data.length; i += chunk) yield data.subarray(i, i + chunk);
    })(),
  );
}

describe("S3 storage", () => {
  it("stores, describes, reads ranges of and deletes a small file", async () => {
    const data = randomBytes(1000);
    await driver.put("artists/a1/avatar.webp", data, "image/webp");
    expect(s3.objects.get("artists/a1/avatar.webp")?.contentType).toBe("image/webp");
    const info = await driver.stat("artists/a1/avatar.webp");
    expect(info?.size).toBe(1000);
    expect(info?.modifiedAt).toBeInstanceOf(Date);
    expect((await collect(await driver.read("artists/a1/avatar.webp"))).equals(data)).toBe(true);
    const part = await collect(await driver.read("artists/a1/avatar.webp", { start: 10, end: 19 }));
    expect(part.equals(data.subarray(10, 20))).toBe(true);
    // The range goes to S3, not through this server: only ten bytes travelled.
    expect(s3.requests.at(-1)?.range).toBe("bytes=10-19");
    await driver.delete("artists/a1/avatar.webp");
    expect(await driver.stat("artists/a1/avatar.webp")).toBeNull();
    await expect(driver.delete("artists/a1/avatar.webp")).resolves.toBeUndefined();
  });

  it("answers null for a missing file and fails clearly reading one", async () => {
    expect(await driver.stat("nothing/here.mp3")).toBeNull();
    await expect(driver.read("nothing/here.mp3")).rejects.toMatchObject({ name: "NoSuchKey" });
  });

  it("refuses keys that could escape their folder", async () => {
    await expect(driver.put("../etc/passwd", Buffer.from("x"))).rejects.toThrow(/Invalid storage key/);
    await expect(driver.stat("a//b")).rejects.toThrow(/Invalid storage key/);
  });

  it("uploads a stream under one part size in a single request", async () => {
    const data = randomBytes(300 * 1024);
    expect(await driver.putStream("masters/a1/t1.wav", chunked(data), { contentType: "audio/wav" })).toEqual({
      size: data.length,
    });
    expect(s3.objects.get("masters/a1/t1.wav")?.body.equals(data)).toBe(true);
    expect(s3.requests.some((r) => r.url.includes("uploads"))).toBe(false);
  });

  it("uploads a large stream in parts, reading no further ahead than the part in hand", async () => {
    const data = randomBytes(12 * MiB + 12345);
    const before = s3.requests.length;
    const partsStored = () =>
      s3.requests.slice(before).filter((r) => r.method === "PUT" && r.url.includes("partNumber=")).length;
    let furthestAhead = 0;
    const source = Readable.from(
      (function* () {
        for (let i = 0; i < data.length; i += 64 * 1024) {
          furthestAhead = Math.max(furthestAhead, i - partsStored() * 5 * MiB);
          yield data.subarray(i, i + 64 * 1024);
        }
      })(),
    );
    expect(await driver.putStream("masters/a1/big.flac", source)).toEqual({ size: data.length });
    // One part being filled plus the stream's own small buffer: never the whole file.
    expect(furthestAhead).toBeLessThan(5 * MiB + 256 * 1024);
    expect(sha(s3.objects.get("masters/a1/big.flac")!.body)).toBe(sha(data));
    const parts = s3.requests.slice(before).filter((r) => r.method === "PUT" && r.url.includes("partNumber="));
    expect(parts).toHaveLength(3);
    expect(s3.pendingUploads()).toBe(0);
  });

  it("uploads a stream of exactly one part size", async () => {
    const data = randomBytes(5 * MiB);
    expect(await driver.putStream("masters/a1/exact.wav", chunked(data))).toEqual({ size: data.length });
    expect(sha(s3.objects.get("masters/a1/exact.wav")!.body)).toBe(sha(data));
  });

  it("stops an upload over the limit and leaves nothing behind, small or multipart", async () => {
    for (const [key, size, max] of [
      ["masters/a1/small-over.wav", 200 * 1024, 100 * 1024],
      ["masters/a1/huge-over.wav", 13 * MiB, 11 * MiB],
    ] as const) {
      const source = chunked(randomBytes(size));
      const upload = driver.putStream(key, source, { maxBytes: max });
      await expect(upload).rejects.toBeInstanceOf(TooLargeError);
      expect(await driver.stat(key)).toBeNull();
      expect(source.destroyed).toBe(true);
    }
    expect(s3.pendingUploads()).toBe(0);
  });

  it("copies a local file in, in parts when large", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "merchtable-s3-test-"));
    const file = path.join(dir, "render.flac");
    const data = randomBytes(6 * MiB);
    writeFileSync(file, data);
    expect(await driver.putFromPath("downloads/a1/t1/flac.flac", file, "audio/flac")).toEqual({ size: data.length });
    expect(sha(s3.objects.get("downloads/a1/t1/flac.flac")!.body)).toBe(sha(data));
    expect(s3.objects.get("downloads/a1/t1/flac.flac")!.contentType).toBe("audio/flac");
  });

  it("deletes every key under a folder, across listing pages, and nothing else", async () => {
    for (let i = 0; i < 8; i++) await driver.put(`downloads/a2/t9/f${i}.mp3`, Buffer.from(`file ${i}`));
    await driver.put("downloads/a2/t99/keep.mp3", Buffer.from("other track"));
    await driver.deletePrefix("downloads/a2/t9");
    expect([...s3.objects.keys()].filter((k) => k.startsWith("downloads/a2/"))).toEqual(["downloads/a2/t99/keep.mp3"]);
    expect(s3.requests.filter((r) => r.url.includes("list-type=2") && r.url.includes("t9")).length).toBeGreaterThan(1);
  });

  it("gives ffmpeg a local copy and removes it on cleanup", async () => {
    const data = randomBytes(2 * MiB);
    await driver.put("masters/a3/t1.flac", data);
    const copy = await driver.localCopy("masters/a3/t1.flac");
    expect(copy.path.endsWith("t1.flac")).toBe(true);
    expect(readFileSync(copy.path).equals(data)).toBe(true);
    await copy.cleanup();
    expect(existsSync(copy.path)).toBe(false);
    await expect(driver.localCopy("masters/a3/missing.flac")).rejects.toMatchObject({ name: "NoSuchKey" });
  });
});

describe("streaming from S3", () => {
  const db = useTestDb();
  it("serves a fan's range request from the bucket with the same answers as local disk", async () => {
    const local = storage();
    setStorageForTests(driver);
    try {
      const owner = await makeUser(db);
      const band = await makeArtist(db, owner.id);
      const mp3 = makeStreamMp3(3);
      const file = readFileSync(mp3);
      const { track } = await makeStreamableTrack(db, band.id, { file: mp3, streaming: "clip", clipSeconds: 1 });
      expect(s3.objects.get(track.streamKey!)?.body.equals(file)).toBe(true);

      const response = await GET(
        new Request(`http://localhost/api/stream/${track.id}`, { headers: { range: "bytes=-100" } }),
        {
          params: Promise.resolve({ trackId: track.id }),
        },
      );
      expect(response.status).toBe(206);
      expect(response.headers.get("content-range")).toBe("bytes 15900-15999/16000");
      expect(Buffer.from(await response.arrayBuffer()).equals(file.subarray(15900, 16000))).toBe(true);
      expect(s3.requests.at(-1)?.range).toBe("bytes=15900-15999");
    } finally {
      setStorageForTests(local);
    }
  });
});
