import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { downloadGrants, preparedArchives, tracks } from "@/db/schema";
import { reorderTracks } from "@/lib/catalog/tracks";
import { signFileLink } from "@/lib/downloads/links";
import { fileLinkResponse, preparationResponse } from "@/lib/downloads/serve";
import { env, parseEnv } from "@/lib/env";
import { createDownloadGrant } from "@/lib/orders/download-grants";
import {
  FILE_URL_PREFIX,
  fileResponse,
  serveFileNode,
  setStorageForTests,
  storage,
  type StorageDriver,
} from "@/lib/storage";
import { fileToken } from "@/lib/storage/file-token";
import { s3Driver } from "@/lib/storage/s3";
import { makeAudioDir } from "@/tests/support/audio-fixtures";
import { archiveJobsFor, followDownload, releaseWithFlacFiles, runArchiveJobs } from "@/tests/support/downloads";
import { makeArtist, makeUser, unique, useTestDb } from "@/tests/support/factories";
import { standInSettings, startS3StandIn, type S3StandIn } from "@/tests/support/s3-stand-in";
import { unzip } from "@/tests/support/zip";

const db = useTestDb();
const dir = makeAudioDir();
let s3: S3StandIn;
let clock = new Date();
/** Storage calls counted, so a test can say "nothing was signed" or "the zip was written once". */
const calls = { signedUrl: 0, stat: 0, read: 0, archivePuts: 0 };
/** Makes storing a zip fail, as a full disk or a bucket outage would. */
let failArchives = false;

function counted(driver: StorageDriver): StorageDriver {
  return {
    ...driver,
    signedUrl: (key, options) => (calls.signedUrl++, driver.signedUrl(key, options)),
    stat: (key) => (calls.stat++, driver.stat(key)),
    read: (key, range) => (calls.read++, driver.read(key, range)),
    putStream: (key, source, options) => {
      if (key.startsWith("archives/")) calls.archivePuts++;
      if (key.startsWith("archives/") && failArchives) return Promise.reject(new Error("bucket unavailable"));
      return driver.putStream(key, source, options);
    },
  };
}
const reset = () => Object.assign(calls, { signedUrl: 0, stat: 0, read: 0, archivePuts: 0 });

function useS3() {
  setStorageForTests(
    counted(
      s3Driver(
        parseEnv({
          ...standInSettings(s3),
        }),
      ),
    ),
  );
}
function useLocal() {
  setStorageForTests(undefined);
  setStorageForTests(counted(storage()));
}

beforeAll(async () => {
  s3 = await startS3StandIn({ now: () => clock });
});
afterAll(async () => {
  setStorageForTests(undefined);
  await s3.close();
});

/** An album of FLAC masters in the current storage, its FLAC files made, and a fan's grant. */
async function album(titles: string[]) {
  const user = await makeUser(db);
  const artist = await makeArtist(db, user.id, { name: "Les Archives" });
  const { releaseId, trackIds } = await releaseWithFlacFiles(db, dir, artist.id, "Zip", titles);
  const grant = await createDownloadGrant(db, {
    artistId: artist.id,
    orderId: null,
    email: `${unique("fan")}@example.test`,
    items: [{ releaseId, trackId: null }],
  });
  const link = signFileLink({ grantId: grant.grantId, releaseId, trackId: null, format: "flac" });
  return { user, artist, releaseId, trackIds, grant, link };
}

const get = (link: string) => fileLinkResponse(db, new Request(`http://test/api/download/${link}`), link);
const status = (link: string, method: "GET" | "POST" = "GET") =>
  preparationResponse(db, new Request(`http://test/api/download/${link}/status`, { method }), link).then((r) =>
    r.json(),
  );
const archives = (releaseId: string) =>
  db.select().from(preparedArchives).where(eq(preparedArchives.releaseId, releaseId));
const body = async (response: Response) => Buffer.from(await response.arrayBuffer());

describe("prepared album zips (S3 stand-in)", () => {
  it("is made once under 20 concurrent first requests, then redirected to with Content-Length and ranges", async () => {
    useS3();
    const { artist, releaseId, link } = await album(["Un", "Deux"]);
    reset();
    const first = await Promise.all(Array.from({ length: 20 }, () => get(link)));
    expect(first.map((r) => r.status)).toEqual(Array(20).fill(409));
    expect(await archiveJobsFor(releaseId)).toBe(1);
    expect(await status(link)).toMatchObject({ state: "preparing", step: "archive", ready: 2, total: 2 });
    expect(await runArchiveJobs(db)).toBe(1);
    expect(calls.archivePuts).toBe(1);
    expect(calls.signedUrl).toBe(0);

    const [row] = await archives(releaseId);
    expect(row).toMatchObject({ status: "ready", format: "flac" });
    expect(row.key).toContain(row.version);
    expect(await status(link)).toEqual({ state: "ready", ready: 2, total: 2, size: row.size });

    const again = await Promise.all(Array.from({ length: 20 }, () => get(link)));
    expect(again.map((r) => r.status)).toEqual(Array(20).fill(302));
    expect(calls.archivePuts).toBe(1);
    const location = again[0].headers.get("location")!;
    expect(again[0].headers.get("cache-control")).toBe("private, no-store");
    expect(location).toContain(`X-Amz-Expires=${env().SIGNED_URL_SECONDS}`);
    const whole = await fetch(location);
    expect(whole.status).toBe(200);
    expect(whole.headers.get("content-type")).toBe("application/zip");
    expect(whole.headers.get("content-disposition")).toContain("Zip");
    const zip = await body(whole);
    expect(Number(whole.headers.get("content-length"))).toBe(zip.length);
    expect(zip.length).toBe(row.size);
    const part = await fetch(location, { headers: { Range: "bytes=10-19" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 10-19/${row.size}`);
    expect((await body(part)).equals(zip.subarray(10, 20))).toBe(true);
    expect([...(await unzip(zip)).keys()].sort()).toEqual([
      `01 ${artist.name} - Un.flac`,
      `02 ${artist.name} - Deux.flac`,
    ]);
  });

  it("is replaced after a track change: new version, old object gone, new contents", async () => {
    useS3();
    const { artist, user, releaseId, trackIds, link } = await album(["Un", "Deux"]);
    await get(link);
    await runArchiveJobs(db);
    const [before] = await archives(releaseId);
    expect(before.status).toBe("ready");

    // Reordered through the catalogue: its archives are discarded at once, rows and objects.
    expect(await reorderTracks(db, user.id, releaseId, [...trackIds].reverse())).toEqual({ ok: true });
    expect(await archives(releaseId)).toEqual([]);
    expect(await storage().stat(before.key)).toBeNull();
    expect((await get(link)).status).toBe(409);
    await runArchiveJobs(db);
    const [after] = await archives(releaseId);
    expect(after.version).not.toBe(before.version);
    const names = [...(await unzip(await body(await followDownload(await get(link))))).keys()].sort();
    expect(names).toEqual([`01 ${artist.name} - Deux.flac`, `02 ${artist.name} - Un.flac`]);

    // Retitled behind the catalogue's back: the digest alone refuses the stale zip, and the new
    // one replaces it (row and object) once ready.
    await db.update(tracks).set({ title: "Trois" }).where(eq(tracks.id, trackIds[1]));
    expect((await get(link)).status).toBe(409);
    expect(await runArchiveJobs(db)).toBe(1);
    const rows = await archives(releaseId);
    expect(rows).toHaveLength(1);
    expect(rows[0].version).not.toBe(after.version);
    expect(await storage().stat(after.key)).toBeNull();
    const retitled = [...(await unzip(await body(await followDownload(await get(link))))).keys()].sort();
    expect(retitled).toContain(`01 ${artist.name} - Trois.flac`);
  });

  it("signs nothing for an expired, altered, refunded or other grant's link, and its URLs expire", async () => {
    useS3();
    const mine = await album(["Un"]);
    const theirs = await album(["Autre"]);
    await get(mine.link);
    await runArchiveJobs(db);
    reset();
    const presignedBefore = s3.requests.filter((r) => r.presigned).length;
    const base = { grantId: mine.grant.grantId, releaseId: mine.releaseId, trackId: null, format: "flac" as const };
    const parts = mine.link.split(".");
    const refusals = [
      signFileLink({ ...base, expires: Math.floor(Date.now() / 1000) - 1 }),
      [...parts.slice(0, 5), (parts[5].startsWith("A") ? "B" : "A") + parts[5].slice(1)].join("."),
      signFileLink({ ...base, releaseId: theirs.releaseId }),
      signFileLink({ ...base, trackId: theirs.trackIds[0] }),
    ];
    for (const link of refusals) expect([403, 404]).toContain((await get(link)).status);
    await db.update(downloadGrants).set({ revokedAt: new Date() }).where(eq(downloadGrants.id, mine.grant.grantId));
    expect((await get(mine.link)).status).toBe(410);
    expect(calls.signedUrl).toBe(0);
    expect(s3.requests.filter((r) => r.presigned).length).toBe(presignedBefore);

    const location = (await get(theirs.link)).headers.get("location");
    expect(location).toBeNull(); // not made yet: a 409, nothing signed
    await runArchiveJobs(db);
    const url = (await get(theirs.link)).headers.get("location")!;
    expect((await fetch(url)).status).toBe(200);
    clock = new Date(Date.now() + (env().SIGNED_URL_SECONDS + 1) * 1000);
    try {
      expect((await fetch(url)).status).toBe(403);
    } finally {
      clock = new Date();
    }
  });
});

describe("a zip that could not be built", () => {
  it("records the failure, shows it, and is built again on Try again; a lost job is queued again once", async () => {
    useS3();
    const { releaseId, link } = await album(["Un"]);
    failArchives = true;
    try {
      expect((await get(link)).status).toBe(409);
      await runArchiveJobs(db);
    } finally {
      failArchives = false;
    }
    const [failed] = await archives(releaseId);
    expect(failed).toMatchObject({ status: "failed", error: "bucket unavailable" });
    expect(await status(link)).toMatchObject({ state: "failed", step: "archive" });
    const refused = await get(link);
    expect(refused.status).toBe(409);
    expect(await refused.text()).toMatch(/could not prepare/);
    expect(await archiveJobsFor(releaseId)).toBe(1); // asking again does not hammer a failing build

    const retry = await preparationResponse(
      db,
      new Request("http://test", { method: "POST", body: JSON.stringify({ retry: true }) }),
      link,
    ).then((r) => r.json());
    expect(retry).toMatchObject({ state: "preparing", step: "archive" });
    expect(await runArchiveJobs(db)).toBe(1);
    expect(await status(link)).toMatchObject({ state: "ready", size: expect.any(Number) });

    // A row left "preparing" by a job that died for good: the next asks re-queue it, once.
    await db.update(tracks).set({ title: "Deux" }).where(eq(tracks.releaseId, releaseId));
    await get(link);
    await runArchiveJobs(db).then(() => undefined);
    await db.update(tracks).set({ title: "Trois" }).where(eq(tracks.releaseId, releaseId));
    expect((await get(link)).status).toBe(409);
    const boss = await (await import("@/lib/queue")).boss();
    await boss.getDb().executeSql(`delete from pgboss.job where name = 'download-archive'`, []);
    await db
      .update(preparedArchives)
      .set({ createdAt: new Date(Date.now() - 24 * 3600_000) })
      .where(and(eq(preparedArchives.releaseId, releaseId), eq(preparedArchives.status, "preparing")));
    await Promise.all(Array.from({ length: 20 }, () => status(link, "POST")));
    expect(await archiveJobsFor(releaseId)).toBe(1);
    expect(await runArchiveJobs(db)).toBe(1);
    expect(await status(link)).toMatchObject({ state: "ready" });
  });
});

describe("the local driver's /api/files addresses", () => {
  it("serves the redirect's file with Content-Length and ranges; bad tokens read nothing", async () => {
    useLocal();
    const { releaseId, link } = await album(["Un", "Deux"]);
    await get(link);
    await runArchiveJobs(db);
    const [row] = await db
      .select()
      .from(preparedArchives)
      .where(and(eq(preparedArchives.releaseId, releaseId), eq(preparedArchives.status, "ready")));
    const location = (await get(link)).headers.get("location")!;
    expect(location.startsWith(FILE_URL_PREFIX)).toBe(true);
    const token = location.slice(FILE_URL_PREFIX.length);

    // Through the Node fast path, as `npm start` answers it: Content-Length reaches the client.
    const server = createServer((req, res) => void serveFileNode(token, req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const whole = await fetch(`${origin}${location}`);
      expect(whole.status).toBe(200);
      expect(whole.headers.get("content-length")).toBe(String(row.size));
      expect(whole.headers.get("content-type")).toBe("application/zip");
      expect(whole.headers.get("cache-control")).toBe("private, no-store");
      expect(whole.headers.get("x-content-type-options")).toBe("nosniff");
      expect(whole.headers.get("x-robots-tag")).toBe("noindex");
      const zip = await body(whole);
      expect(zip.length).toBe(row.size);
      expect([...(await unzip(zip)).keys()]).toHaveLength(2);
      const etag = whole.headers.get("etag")!;
      const part = await fetch(`${origin}${location}`, { headers: { Range: "bytes=5-14", "If-Range": etag } });
      expect(part.status).toBe(206);
      expect(part.headers.get("content-length")).toBe("10");
      expect((await body(part)).equals(zip.subarray(5, 15))).toBe(true);
      const stale = await fetch(`${origin}${location}`, { headers: { Range: "bytes=5-14", "If-Range": '"other"' } });
      expect(stale.status).toBe(200);
      await stale.arrayBuffer();
      const beyond = await fetch(`${origin}${location}`, { headers: { Range: `bytes=${row.size! + 10}-` } });
      expect(beyond.status).toBe(416);
      expect(beyond.headers.get("content-range")).toBe(`bytes */${row.size}`);
      const head = await fetch(`${origin}${location}`, { method: "HEAD" });
      expect(head.headers.get("content-length")).toBe(String(row.size));
    } finally {
      server.close();
    }

    reset();
    const past = fileToken(row.key, { expiresInSeconds: 60, now: new Date(Date.now() - 120_000) });
    const [payload, signature] = token.split(".");
    const other = Buffer.from(JSON.stringify({ key: "masters/x/y.flac", expiresAt: 9999999999 })).toString("base64url");
    const bad: [string, number][] = [
      [past, 403],
      [`${other}.${signature}`, 403],
      [`${payload}.${(signature.startsWith("A") ? "B" : "A") + signature.slice(1)}`, 403],
      ["not-a-token", 404],
      ["", 404],
    ];
    for (const [candidate, expected] of bad) {
      const answer = await fileResponse(new Request(`http://test${FILE_URL_PREFIX}${candidate}`), candidate);
      expect(answer.status, candidate).toBe(expected);
      expect(answer.headers.get("cache-control")).toBe("private, no-store");
      expect((await answer.text()).length).toBeGreaterThan(10);
    }
    expect(calls).toMatchObject({ stat: 0, read: 0 });
  });
});
