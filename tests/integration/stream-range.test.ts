import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { GET, HEAD } from "@/app/api/stream/[trackId]/route";
import { makeArtist, makeUser, useTestDb } from "@/tests/support/factories";
import { makeStreamableTrack, makeStreamMp3 } from "@/tests/support/stream-fixtures";

// Published audio must never need a session: the test fails if the route asks who is listening.
const currentUser = vi.fn(async () => null);
vi.mock("@/lib/auth", () => ({ currentUser: () => currentUser() }));

const db = useTestDb();
let trackId = "";
let file: Buffer;

beforeAll(async () => {
  const owner = await makeUser(db);
  const band = await makeArtist(db, owner.id);
  const mp3 = makeStreamMp3(5);
  file = readFileSync(mp3);
  ({
    track: { id: trackId },
  } = await makeStreamableTrack(db, band.id, { file: mp3 }));
});

function call(method: "GET" | "HEAD", headers: Record<string, string> = {}, id = trackId) {
  const request = new Request(`http://localhost/api/stream/${id}`, { method, headers });
  const context = { params: Promise.resolve({ trackId: id }) };
  return (method === "GET" ? GET : HEAD)(request, context);
}

const bytes = async (response: Response) => Buffer.from(await response.arrayBuffer());

describe("a browser streaming a published track", () => {
  // [what the browser sends, Range header, expected status, expected first and last byte or null]
  const table: [string, string | undefined, number, ((size: number) => [number, number]) | null][] = [
    ["no Range: the whole file", undefined, 200, (size) => [0, size - 1]],
    ["Safari's probe bytes=0-1", "bytes=0-1", 206, () => [0, 1]],
    ["seek: bytes=N-", "bytes=40000-", 206, (size) => [40000, size - 1]],
    ["the tail: bytes=-N", "bytes=-1000", 206, (size) => [size - 1000, size - 1]],
    ["a window: bytes=a-b", "bytes=1000-66535", 206, () => [1000, 66535]],
    ["an end beyond the file is clamped", "bytes=70000-999999999", 206, (size) => [70000, size - 1]],
    ["a suffix longer than the file: all of it", "bytes=-99999999", 206, (size) => [0, size - 1]],
    ["several ranges: the whole file", "bytes=0-1,10-20", 200, (size) => [0, size - 1]],
    ["a garbled header is ignored", "bytes=abc-def", 200, (size) => [0, size - 1]],
    ["a start past the end", "bytes=99999999-", 416, null],
  ];

  it.each(table)("%s", async (_name, range, status, span) => {
    const response = await call("GET", range ? { range } : {});
    expect(response.status).toBe(status);
    expect(response.headers.get("accept-ranges")).toBe("bytes");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("set-cookie")).toBeNull();
    const body = await bytes(response);
    if (!span) {
      expect(response.headers.get("content-range")).toBe(`bytes */${file.length}`);
      expect(body.length).toBe(0);
      return;
    }
    const [start, end] = span(file.length);
    expect(response.headers.get("content-type")).toBe("audio/mpeg");
    expect(response.headers.get("content-length")).toBe(String(end - start + 1));
    expect(response.headers.get("content-range")).toBe(status === 206 ? `bytes ${start}-${end}/${file.length}` : null);
    expect(body.equals(file.subarray(start, end + 1))).toBe(true);
  });

  it("is cacheable by anyone, with validators, and never asks who is listening", async () => {
    const response = await call("GET", { range: "bytes=0-1" });
    expect(response.headers.get("cache-control")).toMatch(/^public, max-age=\d+$/);
    expect(response.headers.get("etag")).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(new Date(response.headers.get("last-modified")!).getTime()).toBeGreaterThan(0);
    await response.arrayBuffer();
    expect(currentUser).not.toHaveBeenCalled();
  });

  it("answers HEAD with the same headers and no body", async () => {
    const head = await call("HEAD", { range: "bytes=100-199" });
    expect(head.status).toBe(206);
    expect(head.headers.get("content-length")).toBe("100");
    expect(head.headers.get("content-range")).toBe(`bytes 100-199/${file.length}`);
    expect(head.body).toBeNull();
    const whole = await call("HEAD");
    expect(whole.status).toBe(200);
    expect(whole.headers.get("content-length")).toBe(String(file.length));
    expect(whole.headers.get("etag")).toBe((await call("GET")).headers.get("etag"));
  });

  it("resumes a range only from the same file (If-Range)", async () => {
    const first = await call("HEAD");
    const etag = first.headers.get("etag")!;
    const lastModified = first.headers.get("last-modified")!;

    const sameTag = await call("GET", { range: "bytes=10-19", "if-range": etag });
    expect(sameTag.status).toBe(206);
    expect((await bytes(sameTag)).equals(file.subarray(10, 20))).toBe(true);

    const sameDate = await call("GET", { range: "bytes=10-19", "if-range": lastModified });
    expect(sameDate.status).toBe(206);
    await sameDate.arrayBuffer();

    for (const stale of ['"an-older-file"', `W/${etag}`, "Mon, 01 Jan 2001 00:00:00 GMT"]) {
      const response = await call("GET", { range: "bytes=10-19", "if-range": stale });
      expect(response.status, stale).toBe(200);
      expect(response.headers.get("content-range")).toBeNull();
      expect((await bytes(response)).equals(file)).toBe(true);
    }
  });

  it("answers 304 to a browser whose cached copy is current", async () => {
    const etag = (await call("HEAD")).headers.get("etag")!;
    const response = await call("GET", { "if-none-match": etag, range: "bytes=0-1" });
    expect(response.status).toBe(304);
    expect(response.body).toBeNull();
    expect((await call("GET", { "if-none-match": '"stale"' })).status).toBe(200);
  });

  it("reads the size from storage when the track row does not record it", async () => {
    const owner = await makeUser(db);
    const band = await makeArtist(db, owner.id);
    const { track } = await makeStreamableTrack(db, band.id, { file: makeStreamMp3(1), withoutSize: true });
    const response = await call("GET", { range: "bytes=-10" }, track.id);
    expect(response.status).toBe(206);
    expect((await bytes(response)).length).toBe(10);
  });
});
