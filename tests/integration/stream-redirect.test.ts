import { generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET, HEAD } from "@/app/api/stream/[trackId]/route";
import { artists, releases, tracks } from "@/db/schema";
import { updateTrack } from "@/lib/catalog/tracks";
import { parseEnv } from "@/lib/env";
import { setStorageForTests, storage } from "@/lib/storage";
import { s3Driver } from "@/lib/storage/s3";
import { fastStreamTrackId, serveStream } from "@/lib/stream/stream-node";
import { addMember, makeArtist, makeUser, useTestDb } from "@/tests/support/factories";
import { useS3Storage } from "@/tests/support/s3-storage";
import { makeStreamableTrack, makeStreamMp3 } from "@/tests/support/stream-fixtures";

let viewer: { id: string; email: string; name: string | null } | null = null;
vi.mock("@/lib/auth", () => ({ currentUser: async () => viewer }));

const db = useTestDb();
const bucket = useS3Storage();
let mp3 = "";
let file: Buffer;
let server: http.Server;
let base = "";
/** Requests the fast path handed on (drafts), as lib/cli/server.ts hands them to Next. */
const handedOn: string[] = [];

beforeAll(async () => {
  mp3 = makeStreamMp3(12);
  file = readFileSync(mp3);
  server = http.createServer((req, res) => {
    const trackId = fastStreamTrackId(req.method, req.url)!;
    void serveStream(db, trackId, req, res).then((answered) => {
      if (answered) return;
      handedOn.push(trackId);
      res.writeHead(599).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  viewer = null;
  bucket.clock.now = new Date();
});

function viaRoute(id: string, method: "GET" | "HEAD" = "GET", headers: Record<string, string> = {}) {
  const request = new Request(`http://localhost/api/stream/${id}`, { method, headers });
  return (method === "GET" ? GET : HEAD)(request, { params: Promise.resolve({ trackId: id }) });
}
const viaFastPath = (id: string, method: "GET" | "HEAD" = "GET", headers: Record<string, string> = {}) =>
  fetch(`${base}/api/stream/${id}`, { method, headers, redirect: "manual" });

async function band() {
  const owner = await makeUser(db);
  // Pro: each streamable track comes on a published release of its own.
  const artist = await makeArtist(db, owner.id, { plan: "pro" });
  return { owner, artist };
}
const as = (user: { id: string; email: string }) => ({ id: user.id, email: user.email, name: null });

/** The signed address a 302 leads to, checked to be one for the bucket's copy of `key`. */
function location(response: Response, key: string) {
  expect(response.status).toBe(302);
  expect(response.headers.get("cache-control")).toBe("private, no-store");
  const url = new URL(response.headers.get("location")!);
  expect(url.pathname).toBe(`/${bucket.s3.bucket}/${key}`);
  return url;
}

describe("with object storage, a fan's stream request", () => {
  it("is a redirect to a signed URL of the rendition, which serves ranges until it expires", async () => {
    const { artist } = await band();
    const { track } = await makeStreamableTrack(db, artist.id, { file: mp3, durationMs: 12_000 });
    for (const answer of [await viaRoute(track.id), await viaFastPath(track.id)]) {
      const url = location(answer, track.streamKey!);
      // SIGNED_URL_SECONDS (300) is longer than 12 s and a minute.
      expect(url.searchParams.get("X-Amz-Expires")).toBe("300");
      expect(url.searchParams.get("response-content-type")).toBe("audio/mpeg");
      const ranged = await fetch(url, { headers: { Range: "bytes=100-199", Origin: "https://fans.example" } });
      expect(ranged.status).toBe(206);
      expect(ranged.headers.get("access-control-allow-origin")).toBe("*");
      expect(Buffer.from(await ranged.arrayBuffer()).equals(file.subarray(100, 200))).toBe(true);
    }
    expect(location(await viaRoute(track.id, "HEAD"), track.streamKey!)).toBeTruthy();
    expect(location(await viaFastPath(track.id, "HEAD"), track.streamKey!)).toBeTruthy();

    const url = location(await viaRoute(track.id), track.streamKey!);
    bucket.clock.now = new Date(Date.now() + 301_000);
    const late = await fetch(url);
    expect(late.status).toBe(403);
    expect(await late.text()).toContain("Request has expired");
  });

  it("hands the next listener the same signed URL while most of its life is left, then a new one", async () => {
    const { artist } = await band();
    const { track } = await makeStreamableTrack(db, artist.id, { file: mp3, durationMs: 12_000 });
    const signed = vi.spyOn(storage(), "signedUrl");
    try {
      const first = location(await viaFastPath(track.id), track.streamKey!).href;
      expect(location(await viaRoute(track.id), track.streamKey!).href).toBe(first);
      expect(location(await viaFastPath(track.id), track.streamKey!).href).toBe(first);
      expect(signed).toHaveBeenCalledTimes(1);
      // A fifth of SIGNED_URL_SECONDS (300 s) later, a fresh URL with its whole life.
      vi.useFakeTimers({ now: Date.now() + 61_000, toFake: ["Date"] });
      const next = location(await viaFastPath(track.id), track.streamKey!);
      expect(next.href).not.toBe(first);
      expect(signed).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
      signed.mockRestore();
    }
  });

  it("lives long enough for a long track, and a tampered URL is refused", async () => {
    const { artist } = await band();
    const { track } = await makeStreamableTrack(db, artist.id, { file: mp3, durationMs: 20 * 60_000 });
    const other = await makeStreamableTrack(db, artist.id, { file: mp3 });
    const url = location(await viaFastPath(track.id), track.streamKey!);
    expect(url.searchParams.get("X-Amz-Expires")).toBe(String(20 * 60 + 60));
    bucket.clock.now = new Date(Date.now() + 20 * 60_000);
    expect((await fetch(url, { headers: { Range: "bytes=0-1" } })).status).toBe(206);

    const forgeries = [
      new URL(url.href.replace(track.streamKey!, other.track.streamKey!)),
      new URL(url.href.replace(/X-Amz-Expires=\d+/, "X-Amz-Expires=86400")),
      new URL(url.href.replace(/X-Amz-Signature=(.)/, (_all, c: string) => `X-Amz-Signature=${c === "a" ? "b" : "a"}`)),
    ];
    for (const forged of forgeries) {
      const answer = await fetch(forged);
      expect(answer.status, forged.href).toBe(403);
      expect(answer.headers.get("content-range")).toBeNull();
    }
  });

  it("is decided before anything is signed: every refusal is the same 404", async () => {
    const { owner, artist } = await band();
    const other = await band();
    const draft = await makeStreamableTrack(db, artist.id, { file: mp3, releaseStatus: "draft" });
    const off = await makeStreamableTrack(db, artist.id, { file: mp3, streaming: "off" });
    const processing = await makeStreamableTrack(db, artist.id, { file: mp3, status: "processing" });
    const takenDown = await makeStreamableTrack(db, artist.id, { file: mp3 });
    await db.update(releases).set({ takenDownAt: new Date() }).where(eq(releases.id, takenDown.release.id));
    const suspended = await makeStreamableTrack(db, other.artist.id, { file: mp3 });
    await db.update(artists).set({ status: "suspended" }).where(eq(artists.id, other.artist.id));
    const before = bucket.signed.length;
    const presignedBefore = bucket.s3.requests.filter((r) => r.presigned).length;

    const refusals: [string, string, typeof viewer][] = [
      ["a draft, for a stranger", draft.track.id, null],
      ["a draft, for another band's member", draft.track.id, as(other.owner)],
      ["a track switched off, even for its band", off.track.id, as(owner)],
      ["a track still processing", processing.track.id, null],
      ["a taken-down release", takenDown.track.id, null],
      ["a suspended band's track", suspended.track.id, null],
      ["a track that does not exist", crypto.randomUUID(), null],
      ["a release id in place of a track id", draft.release.id, as(owner)],
    ];
    for (const [name, id, who] of refusals) {
      viewer = who;
      for (const method of ["GET", "HEAD"] as const) {
        const answer = await viaRoute(id, method);
        expect(answer.status, name).toBe(404);
        expect(answer.headers.get("location"), name).toBeNull();
        expect(answer.headers.get("cache-control"), name).toBe("no-store");
        const fast = await viaFastPath(id, method);
        expect([404, 599], name).toContain(fast.status);
        expect(fast.headers.get("location"), name).toBeNull();
      }
    }
    expect(bucket.signed.length).toBe(before);
    expect(bucket.s3.requests.filter((r) => r.presigned).length).toBe(presignedBefore);
    // Drafts need the session: the fast path hands them to Next without deciding anything itself.
    expect(handedOn).toContain(draft.track.id);
  });

  it("of the band's own member for a draft is a redirect the browser keeps to itself", async () => {
    const { artist } = await band();
    const drummer = await makeUser(db);
    await addMember(db, artist.id, drummer.id);
    const { track } = await makeStreamableTrack(db, artist.id, { file: mp3, releaseStatus: "draft" });
    viewer = as(drummer);
    const url = location(await viaRoute(track.id), track.streamKey!);
    expect((await fetch(url, { headers: { Range: "bytes=0-9" } })).status).toBe(206);
  });

  it("follows the band's switch full → clip → off on the very next request, on every path", async () => {
    const { owner, artist } = await band();
    const { track } = await makeStreamableTrack(db, artist.id, { file: mp3 });
    const save = async (streaming: string) =>
      expect(
        await updateTrack(db, owner.id, track.id, { title: "Test Track", streaming, clipSeconds: "5" }),
      ).toMatchObject({ ok: true });
    location(await viaFastPath(track.id), track.streamKey!);
    location(await viaRoute(track.id), track.streamKey!);

    await save("clip");
    const signedBefore = bucket.signed.length;
    // The clip file is not cut yet: the app sends the clip's bytes itself, never the whole rendition.
    for (const answer of [await viaFastPath(track.id), await viaRoute(track.id)]) {
      expect(answer.status).toBe(200);
      expect(answer.headers.get("location")).toBeNull();
      // Kept by no cache either, so the next switch holds at once too.
      expect(answer.headers.get("cache-control")).toBe("private, no-store");
      const body = Buffer.from(await answer.arrayBuffer());
      expect(body.equals(file.subarray(0, 5 * 16000))).toBe(true);
    }
    expect(bucket.signed.length).toBe(signedBefore);
    // …and the cut is queued for the worker, once per track.
    const [{ count }] = await db.execute<{ count: number }>(
      sql`select count(*)::int as count from pgboss.job where name = 'track-clip' and singleton_key = ${track.id}`,
    );
    expect(count).toBe(1);

    await save("off");
    expect((await viaFastPath(track.id)).status).toBe(404);
    expect((await viaRoute(track.id)).status).toBe(404);
    expect(bucket.signed.length).toBe(signedBefore);

    await save("full");
    location(await viaFastPath(track.id), track.streamKey!);
    const [row] = await db.select().from(tracks).where(eq(tracks.id, track.id));
    expect(row.streaming).toBe("full");
  });

  it("goes to the CDN's signed address of the same file when a CDN is configured", async () => {
    const { artist } = await band();
    const { track } = await makeStreamableTrack(db, artist.id, { file: mp3, durationMs: 12_000 });
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const bucketDriver = storage();
    setStorageForTests(
      s3Driver(
        parseEnv({
          STORAGE_DRIVER: "s3",
          S3_BUCKET: bucket.s3.bucket,
          S3_ENDPOINT: bucket.s3.url,
          S3_FORCE_PATH_STYLE: "true",
          S3_ACCESS_KEY_ID: "test-key",
          S3_SECRET_ACCESS_KEY: "test-secret",
          CDN_BASE_URL: "https://d111111abcdef8.cloudfront.net/",
          CDN_KEY_PAIR_ID: "K2JCJMDEHXQW5F",
          CDN_PRIVATE_KEY: privateKey.export({ type: "pkcs1", format: "pem" }).toString().replace(/\n/g, "\\n"),
        }),
      ),
    );
    try {
      const before = Math.floor(Date.now() / 1000);
      for (const answer of [await viaRoute(track.id), await viaFastPath(track.id)]) {
        expect(answer.status).toBe(302);
        expect(answer.headers.get("cache-control")).toBe("private, no-store");
        const url = new URL(answer.headers.get("location")!);
        expect(url.origin + url.pathname).toBe(`https://d111111abcdef8.cloudfront.net/${track.streamKey}`);
        expect(url.searchParams.get("Key-Pair-Id")).toBe("K2JCJMDEHXQW5F");
        const expires = Number(url.searchParams.get("Expires"));
        expect(expires - before).toBeGreaterThanOrEqual(300);
        expect(expires - before).toBeLessThan(310);
      }
    } finally {
      setStorageForTests(bucketDriver);
    }
  });
});
