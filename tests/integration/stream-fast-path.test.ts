import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET, HEAD } from "@/app/api/stream/[trackId]/route";
import { tracks } from "@/db/schema";
import { setStorageForTests, storage } from "@/lib/storage";
import { fastStreamTrackId, serveStream } from "@/lib/stream/stream-node";
import { makeArtist, makeUser, useTestDb } from "@/tests/support/factories";
import { makeStreamableTrack, makeStreamMp3 } from "@/tests/support/stream-fixtures";

vi.mock("@/lib/auth", () => ({ currentUser: async () => null }));

const db = useTestDb();
let server: http.Server;
let base = "";
/** Requests the fast path handed on (drafts), as lib/cli/server.ts hands them to Next. */
const handedOn: string[] = [];

beforeAll(async () => {
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

/** Framing headers differ by transport (Next sends chunked); what a player reads must not. */
const TRANSPORT = new Set(["date", "connection", "keep-alive", "transfer-encoding"]);

async function viaRoute(id: string, method: "GET" | "HEAD", headers: Record<string, string>) {
  const request = new Request(`http://localhost/api/stream/${id}`, { method, headers });
  const response = await (method === "GET" ? GET : HEAD)(request, { params: Promise.resolve({ trackId: id }) });
  const body = method === "HEAD" ? Buffer.alloc(0) : Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: Object.fromEntries(response.headers), body };
}

async function viaFastPath(id: string, method: "GET" | "HEAD", headers: Record<string, string>) {
  const response = await fetch(`${base}/api/stream/${id}`, { method, headers });
  const body = Buffer.from(await response.arrayBuffer());
  const kept = [...response.headers].filter(([name]) => !TRANSPORT.has(name));
  return { status: response.status, headers: Object.fromEntries(kept), body };
}

async function expectSameAnswers(id: string, requests: [method: "GET" | "HEAD", headers: Record<string, string>][]) {
  for (const [method, headers] of requests) {
    const label = `${method} ${JSON.stringify(headers)}`;
    const route = await viaRoute(id, method, headers);
    const fast = await viaFastPath(id, method, headers);
    // A Response built from text carries no Content-Length; Node adds the text's length.
    if (route.headers["content-length"] === undefined) delete fast.headers["content-length"];
    expect(fast.status, label).toBe(route.status);
    expect(fast.headers, label).toEqual(route.headers);
    expect(fast.body.equals(route.body), label).toBe(true);
  }
}

describe("the fast path answers exactly as the stream route", () => {
  let full = "";
  let clip = "";
  let etag = "";
  let lastModified = "";

  beforeAll(async () => {
    const owner = await makeUser(db);
    // Pro: each streamable track comes on a published release of its own.
    const artist = await makeArtist(db, owner.id, { plan: "pro" });
    // Longer than the span read whole (512 KiB), so both ways of sending a body are compared.
    const mp3 = makeStreamMp3(40);
    ({
      track: { id: full },
    } = await makeStreamableTrack(db, artist.id, { file: mp3 }));
    ({
      track: { id: clip },
    } = await makeStreamableTrack(db, artist.id, { file: mp3, streaming: "clip", clipSeconds: 3 }));
    const head = await viaRoute(full, "HEAD", {});
    etag = head.headers.etag!;
    lastModified = head.headers["last-modified"]!;
  });

  it("for every range form, conditional request and HEAD a player or a downloader sends", async () => {
    const requests: [method: "GET" | "HEAD", headers: Record<string, string>][] = [
      ["GET", {}],
      ["GET", { range: "bytes=0-1" }],
      ["GET", { range: "bytes=1000-" }],
      ["GET", { range: "bytes=-500" }],
      ["GET", { range: "bytes=100-65635" }],
      ["GET", { range: "bytes=0-1,5-9" }],
      ["GET", { range: "bytes=abc" }],
      ["GET", { range: "items=0-1" }],
      ["GET", { range: "bytes=99999999-" }],
      ["GET", { "if-none-match": etag }],
      ["GET", { "if-none-match": '"other"', range: "bytes=0-9" }],
      ["GET", { "if-modified-since": new Date(Date.now() + 60_000).toUTCString() }],
      ["GET", { "if-range": etag, range: "bytes=10-19" }],
      ["GET", { "if-range": '"stale"', range: "bytes=10-19" }],
      ["GET", { "if-range": lastModified, range: "bytes=10-19" }],
      ["HEAD", {}],
      ["HEAD", { range: "bytes=0-1" }],
    ];
    await expectSameAnswers(full, requests);
    await expectSameAnswers(clip, requests);
  });

  it("for tracks nobody may hear: unknown, switched off", async () => {
    const owner = await makeUser(db);
    const artist = await makeArtist(db, owner.id);
    const { track } = await makeStreamableTrack(db, artist.id, { file: makeStreamMp3(2) });
    await db.update(tracks).set({ streaming: "off" }).where(eq(tracks.id, track.id));
    for (const id of [crypto.randomUUID(), track.id]) {
      await expectSameAnswers(id, [
        ["GET", { range: "bytes=0-1" }],
        ["HEAD", {}],
      ]);
    }
  });
});

describe("what the fast path leaves to Next", () => {
  it("hands a draft on, since only Next reads the member's session", async () => {
    const owner = await makeUser(db);
    const artist = await makeArtist(db, owner.id);
    const { track } = await makeStreamableTrack(db, artist.id, { file: makeStreamMp3(2), releaseStatus: "draft" });
    const response = await fetch(`${base}/api/stream/${track.id}`, { headers: { range: "bytes=0-1" } });
    expect(response.status).toBe(599);
    expect(handedOn).toContain(track.id);
  });

  it("answers only GET and HEAD of a plain stream address", () => {
    const id = crypto.randomUUID();
    expect(fastStreamTrackId("GET", `/api/stream/${id}`)).toBe(id);
    expect(fastStreamTrackId("HEAD", `/api/stream/${id}`)).toBe(id);
    for (const [method, url] of [
      ["POST", `/api/stream/${id}`],
      ["GET", `/api/stream/${id}/`],
      ["GET", `/api/stream/${id}?x=1`],
      ["GET", `/api/stream/a%2Fb`],
      ["GET", `/api/stream/${"x".repeat(65)}`],
      ["GET", `/api/streams/${id}`],
    ]) {
      expect(fastStreamTrackId(method, url), `${method} ${url}`).toBeNull();
    }
  });
});

describe("a listener who goes away from the fast path", () => {
  it("closes the file as soon as the connection drops", async () => {
    const owner = await makeUser(db);
    const artist = await makeArtist(db, owner.id);
    const big = path.join(mkdtempSync(path.join(tmpdir(), "merchtable-big-")), "big.mp3");
    writeFileSync(big, randomBytes(8 * 1024 * 1024));
    const { track } = await makeStreamableTrack(db, artist.id, { file: big });
    const real = storage();
    const opened: Readable[] = [];
    setStorageForTests({
      ...real,
      read: async (key, range) => {
        const stream = await real.read(key, range);
        opened.push(stream);
        return stream;
      },
    });
    try {
      await new Promise<void>((resolve, reject) => {
        const request = http.get(`${base}/api/stream/${track.id}`, (response) => {
          response.once("data", () => {
            request.destroy();
            resolve();
          });
        });
        request.on("error", (error: NodeJS.ErrnoException) =>
          error.code === "ECONNRESET" ? resolve() : reject(error),
        );
      });
      await vi.waitFor(() => expect(opened[0]?.destroyed).toBe(true));
      expect((opened[0] as unknown as { bytesRead: number }).bytesRead).toBeLessThan(8 * 1024 * 1024);
    } finally {
      setStorageForTests(real);
    }
  });
});
