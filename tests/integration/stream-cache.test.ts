import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/stream/[trackId]/route";
import { artistMembers, releases, tracks } from "@/db/schema";
import { storage } from "@/lib/storage";
import { publishedStreamCache } from "@/lib/stream/stream";
import { addMember, makeArtist, makeUser, useTestDb } from "@/tests/support/factories";
import { makeStreamableTrack, makeStreamMp3 } from "@/tests/support/stream-fixtures";

let viewer: { id: string; email: string; name: string | null } | null = null;
vi.mock("@/lib/auth", () => ({ currentUser: async () => viewer }));

const db = useTestDb();
const TTL = 5_000;
let mp3 = "";
let now = 0;

beforeAll(() => {
  mp3 = makeStreamMp3(4);
});
beforeEach(() => {
  now = 1_000_000;
  publishedStreamCache.configure({ ttlMs: TTL, now: () => now });
});
afterEach(() => {
  viewer = null;
  publishedStreamCache.configure();
});

function call(id: string, range = "bytes=0-1") {
  const request = new Request(`http://localhost/api/stream/${id}`, { headers: { range } });
  return GET(request, { params: Promise.resolve({ trackId: id }) });
}

async function publishedTrack() {
  const owner = await makeUser(db);
  const artist = await makeArtist(db, owner.id);
  const { track, release } = await makeStreamableTrack(db, artist.id, { file: mp3 });
  return { owner, artist, track, release };
}

describe("a published track's answer is reused for a few seconds, never longer", () => {
  it("a track switched off keeps playing until the cached seconds pass, then is a 404", async () => {
    const { track } = await publishedTrack();
    expect((await call(track.id)).status).toBe(206);
    await db.update(tracks).set({ streaming: "off" }).where(eq(tracks.id, track.id));
    now += TTL - 1;
    expect((await call(track.id)).status).toBe(206);
    now += 1;
    expect((await call(track.id)).status).toBe(404);
  });

  it("a track switched to a clip serves only the clip once the cached seconds pass", async () => {
    const { track } = await publishedTrack();
    const full = await call(track.id);
    const size = Number(full.headers.get("content-range")!.split("/")[1]);
    expect(size).toBeGreaterThan(32_000);
    await db
      .update(tracks)
      .set({ streaming: "clip", clipSeconds: 2, updatedAt: new Date() })
      .where(eq(tracks.id, track.id));
    now += TTL;
    const clipped = await call(track.id, "bytes=0-");
    expect(clipped.headers.get("content-range")).toBe(`bytes 0-31999/32000`);
    expect((await clipped.arrayBuffer()).byteLength).toBe(32_000);
    expect(clipped.headers.get("etag")).not.toBe(full.headers.get("etag"));
  });

  it("an unpublished release is a 404 to a fan once the cached seconds pass", async () => {
    const { release, track } = await publishedTrack();
    expect((await call(track.id)).status).toBe(206);
    await db.update(releases).set({ status: "draft" }).where(eq(releases.id, release.id));
    now += TTL;
    expect((await call(track.id)).status).toBe(404);
  });

  it("a zero TTL keeps nothing: every request asks the database", async () => {
    publishedStreamCache.configure({ ttlMs: 0, now: () => now });
    const { track } = await publishedTrack();
    expect((await call(track.id)).status).toBe(206);
    expect(publishedStreamCache.has(track.id)).toBe(false);
    await db.update(tracks).set({ streaming: "off" }).where(eq(tracks.id, track.id));
    expect((await call(track.id)).status).toBe(404);
  });

  it("holds at most its bound of tracks, dropping the oldest first", async () => {
    publishedStreamCache.configure({ ttlMs: TTL, maxEntries: 2, now: () => now });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { track } = await publishedTrack();
      ids.push(track.id);
      expect((await call(track.id)).status).toBe(206);
    }
    expect(ids.map((id) => publishedStreamCache.has(id))).toEqual([false, true, true]);
  });

  it("a stream file deleted under a cached answer is a 404 and is forgotten", async () => {
    const { track } = await publishedTrack();
    expect((await call(track.id)).status).toBe(206);
    expect(publishedStreamCache.has(track.id)).toBe(true);
    await storage().delete(track.streamKey!);
    const gone = await call(track.id, "bytes=0-99");
    expect(gone.status).toBe(404);
    expect(publishedStreamCache.has(track.id)).toBe(false);
  });
});

describe("drafts are never cached", () => {
  it("a member removed from the band loses the draft at the very next request", async () => {
    const owner = await makeUser(db);
    const artist = await makeArtist(db, owner.id);
    const drummer = await makeUser(db);
    await addMember(db, artist.id, drummer.id);
    const { track } = await makeStreamableTrack(db, artist.id, { file: mp3, releaseStatus: "draft" });

    viewer = { id: drummer.id, email: drummer.email, name: null };
    expect((await call(track.id)).status).toBe(206);
    expect(publishedStreamCache.has(track.id)).toBe(false);
    viewer = null;
    expect((await call(track.id)).status).toBe(404);
    viewer = { id: drummer.id, email: drummer.email, name: null };
    await db
      .delete(artistMembers)
      .where(and(eq(artistMembers.artistId, artist.id), eq(artistMembers.userId, drummer.id)));
    expect((await call(track.id)).status).toBe(404);
  });

  it("a track the band is about to publish is not served to strangers from before", async () => {
    const owner = await makeUser(db);
    const artist = await makeArtist(db, owner.id);
    const { track, release } = await makeStreamableTrack(db, artist.id, { file: mp3, releaseStatus: "draft" });
    viewer = { id: owner.id, email: owner.email, name: null };
    const asMember = await call(track.id);
    expect(asMember.headers.get("cache-control")).toBe("private, no-store");
    await db.update(releases).set({ status: "published", publishedAt: new Date() }).where(eq(releases.id, release.id));
    viewer = null;
    const asFan = await call(track.id);
    expect(asFan.status).toBe(206);
    expect(asFan.headers.get("cache-control")).toMatch(/^public/);
  });
});
