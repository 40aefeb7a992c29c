import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/plays/route";
import type { Db } from "@/db/client";
import { plays, releases, tracks } from "@/db/schema";
import { CLIENT_IP_HEADER } from "@/lib/net/client-address";
import { PLAY_LIMITS, recordPlay } from "@/lib/plays";
import { makeArtist, makeUser, unique, useTestDb } from "@/tests/support/factories";

const db = useTestDb();
const secret = "integration-secret-".padEnd(40, "x");

type TrackOptions = {
  releaseStatus?: "draft" | "published";
  status?: "processing" | "ready" | "failed";
  streaming?: "full" | "clip" | "off";
  clipSeconds?: number;
  durationMs?: number | null;
};

async function makeTrack(database: Db, options: TrackOptions = {}) {
  const owner = await makeUser(database);
  const artist = await makeArtist(database, owner.id);
  const published = (options.releaseStatus ?? "published") === "published";
  const [release] = await database
    .insert(releases)
    .values({
      artistId: artist.id,
      slug: unique("rel"),
      title: "Night Bus",
      status: published ? "published" : "draft",
      publishedAt: published ? new Date() : null,
    })
    .returning();
  const [track] = await database
    .insert(tracks)
    .values({
      releaseId: release.id,
      artistId: artist.id,
      position: 1,
      title: "Opening",
      durationMs: options.durationMs === undefined ? 200_000 : options.durationMs,
      masterKey: `masters/${artist.id}/x.flac`,
      streamKey: `streams/${artist.id}/x.mp3`,
      status: options.status ?? "ready",
      streaming: options.streaming ?? "full",
      clipSeconds: options.clipSeconds ?? 30,
    })
    .returning();
  return { artist, release, track };
}

const fan = (ip = `198.51.100.${Math.floor(Math.random() * 250)}`) => ({
  ip,
  userAgent: `Firefox ${unique("ua")}`,
  country: "FR",
});

describe("recording a play", () => {
  it("stores outcome, source and country with a hashed listener, never the address", async () => {
    const { track, release, artist } = await makeTrack(db);
    const listener = fan("203.0.113.77");
    const result = await recordPlay(db, { trackId: track.id, seconds: 190.4, source: "shop" }, listener, { secret });
    expect(result).toMatchObject({ ok: true, outcome: "complete", seconds: 190 });
    const [row] = await db.select().from(plays).where(eq(plays.trackId, track.id));
    expect(row).toMatchObject({
      releaseId: release.id,
      artistId: artist.id,
      secondsListened: 190,
      outcome: "complete",
      source: "shop",
      sourceHost: null,
      country: "FR",
      isClip: false,
    });
    expect(row.listenerHash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(row)).not.toContain("203.0.113.77");
    expect(JSON.stringify(row)).not.toContain(listener.userAgent);
  });

  it("gives the same listener the same hash all day and a new one the next day", async () => {
    const { track } = await makeTrack(db);
    const listener = fan();
    const at = (iso: string) => ({ secret, now: new Date(iso) });
    await recordPlay(db, { trackId: track.id, seconds: 10, source: "shop" }, listener, at("2026-05-04T08:00:00Z"));
    await recordPlay(db, { trackId: track.id, seconds: 10, source: "shop" }, listener, at("2026-05-04T22:00:00Z"));
    await recordPlay(db, { trackId: track.id, seconds: 10, source: "shop" }, listener, at("2026-05-05T08:00:00Z"));
    await recordPlay(db, { trackId: track.id, seconds: 10, source: "shop" }, fan(), at("2026-05-04T09:00:00Z"));
    const rows = await db.select().from(plays).where(eq(plays.trackId, track.id)).orderBy(plays.playedAt);
    const [first, otherFan, sameDay, nextDay] = rows.map((r) => r.listenerHash);
    expect(sameDay).toBe(first);
    expect(nextDay).not.toBe(first);
    expect(otherFan).not.toBe(first);
  });

  it("clamps the seconds to the track, or to the clip a clip-only track plays", async () => {
    const { track } = await makeTrack(db, { durationMs: 180_000 });
    expect(await recordPlay(db, { trackId: track.id, seconds: 5000, source: "shop" }, fan(), { secret })).toMatchObject(
      { ok: true, seconds: 180, outcome: "complete" },
    );

    const clip = await makeTrack(db, { durationMs: 180_000, streaming: "clip", clipSeconds: 30 });
    expect(
      await recordPlay(db, { trackId: clip.track.id, seconds: 95, source: "shop" }, fan(), { secret }),
    ).toMatchObject({ ok: true, seconds: 30, outcome: "complete" });
    const [row] = await db.select().from(plays).where(eq(plays.trackId, clip.track.id));
    expect(row).toMatchObject({ secondsListened: 30, isClip: true });
  });

  it("records the embedding site's host for embeds only", async () => {
    const { track } = await makeTrack(db);
    await recordPlay(
      db,
      { trackId: track.id, seconds: 3, source: "embed", host: "https://Blog.Example.org/post" },
      fan(),
      { secret },
    );
    await recordPlay(db, { trackId: track.id, seconds: 3, source: "shop", host: "ignored.example" }, fan(), { secret });
    const rows = await db.select().from(plays).where(eq(plays.trackId, track.id));
    expect(rows.map((r) => [r.source, r.sourceHost, r.outcome]).sort()).toEqual([
      ["embed", "blog.example.org", "skip"],
      ["shop", null, "skip"],
    ]);
  });

  it("refuses unknown tracks, drafts, unprocessed tracks and tracks not streamed, storing nothing", async () => {
    const draft = await makeTrack(db, { releaseStatus: "draft" });
    const processing = await makeTrack(db, { status: "processing" });
    const off = await makeTrack(db, { streaming: "off" });
    for (const trackId of [crypto.randomUUID(), draft.track.id, processing.track.id, off.track.id]) {
      expect(await recordPlay(db, { trackId, seconds: 60, source: "shop" }, fan(), { secret })).toEqual({
        ok: false,
        reason: "not_found",
      });
      expect(await db.select().from(plays).where(eq(plays.trackId, trackId))).toHaveLength(0);
    }
  });

  it("stops one listener from inflating a track's plays", async () => {
    const { track } = await makeTrack(db);
    const listener = fan();
    const now = new Date("2026-06-01T12:00:00Z");
    const results = [];
    for (let i = 0; i < PLAY_LIMITS.listenerTrack.max + 3; i++) {
      results.push(await recordPlay(db, { trackId: track.id, seconds: 30, source: "shop" }, listener, { secret, now }));
    }
    expect(results.filter((r) => r.ok)).toHaveLength(PLAY_LIMITS.listenerTrack.max);
    expect(results.at(-1)).toEqual({ ok: false, reason: "rate_limited", retryAfterSeconds: 3600 });
    expect(await db.select().from(plays).where(eq(plays.trackId, track.id))).toHaveLength(
      PLAY_LIMITS.listenerTrack.max,
    );
    // Another listener is not affected.
    expect(
      await recordPlay(db, { trackId: track.id, seconds: 30, source: "shop" }, fan(), { secret, now }),
    ).toMatchObject({ ok: true });
  });
});

describe("a listen reported as it goes", () => {
  const listenId = () => crypto.randomUUID().replace(/-/g, "");
  /** The play's day row in the figures the overview reads. */
  const figures = async (trackId: string) => {
    const [row] = await db.execute<{ complete: number; partial: number; skip: number }>(
      sql`select complete, partial, skip from stats_plays_daily where track_id = ${trackId}`,
    );
    return row ? { complete: row.complete, partial: row.partial, skip: row.skip } : null;
  };

  it("counts once from its first report and is upgraded skip → partial → complete, never down", async () => {
    const { track } = await makeTrack(db, { durationMs: 200_000 });
    const listener = fan();
    const id = listenId();
    const report = (seconds: number) =>
      recordPlay(db, { trackId: track.id, seconds, source: "shop", listenId: id }, listener, { secret });

    const first = await report(0.5);
    expect(first).toMatchObject({ ok: true, outcome: "skip" });
    expect(await figures(track.id)).toEqual({ complete: 0, partial: 0, skip: 1 });
    expect(await report(5)).toMatchObject({ ok: true, outcome: "partial", seconds: 5 });
    expect(await figures(track.id)).toEqual({ complete: 0, partial: 1, skip: 0 });
    expect(await report(180)).toMatchObject({ ok: true, outcome: "complete", seconds: 180 });
    // A late or replayed earlier report changes nothing.
    expect(await report(5)).toMatchObject({ ok: true, outcome: "complete", seconds: 180 });
    expect(await report(190.2)).toMatchObject({ ok: true, outcome: "complete", seconds: 190 });

    const rows = await db.select().from(plays).where(eq(plays.trackId, track.id));
    expect(rows.map((r) => [r.id, r.outcome, r.secondsListened])).toEqual([
      [first.ok && first.playId, "complete", 190],
    ]);
    expect(await figures(track.id)).toEqual({ complete: 1, partial: 0, skip: 0 });
    const [day] = await db.execute<{ plays: number }>(
      sql`select plays from stats_daily where artist_id = ${track.artistId} and kind = 'play'`,
    );
    expect(day.plays).toBe(1);
  });

  it("two reports of one listen arriving together still make one play", async () => {
    const { track } = await makeTrack(db);
    const listener = fan();
    const id = listenId();
    const results = await Promise.all(
      [0.5, 5, 0.6, 6].map((seconds) =>
        recordPlay(db, { trackId: track.id, seconds, source: "shop", listenId: id }, listener, { secret }),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const rows = await db.select().from(plays).where(eq(plays.trackId, track.id));
    expect(rows.map((r) => [r.outcome, r.secondsListened])).toEqual([["partial", 6]]);
    expect(await figures(track.id)).toEqual({ complete: 0, partial: 1, skip: 0 });
  });

  it("is one listen for the limits however many reports it sends, and only its listener can upgrade it", async () => {
    const { track } = await makeTrack(db);
    const listener = fan();
    const now = new Date("2026-06-01T12:00:00Z");
    for (let i = 0; i < PLAY_LIMITS.listenerTrack.max; i++) {
      const id = listenId();
      for (const seconds of [0.5, 5, 180, 200]) {
        expect(
          await recordPlay(db, { trackId: track.id, seconds, source: "shop", listenId: id }, listener, { secret, now }),
        ).toMatchObject({ ok: true });
      }
    }
    expect(await db.select().from(plays).where(eq(plays.trackId, track.id))).toHaveLength(
      PLAY_LIMITS.listenerTrack.max,
    );
    expect(
      await recordPlay(db, { trackId: track.id, seconds: 1, source: "shop", listenId: listenId() }, listener, {
        secret,
        now,
      }),
    ).toMatchObject({ ok: false, reason: "rate_limited" });

    const other = await makeTrack(db);
    const id = listenId();
    await recordPlay(db, { trackId: other.track.id, seconds: 1, source: "shop", listenId: id }, listener, { secret });
    expect(
      await recordPlay(db, { trackId: other.track.id, seconds: 200, source: "shop", listenId: id }, fan(), { secret }),
    ).toEqual({ ok: false, reason: "not_found" });
    const [row] = await db.select().from(plays).where(eq(plays.trackId, other.track.id));
    expect([row.outcome, row.secondsListened]).toEqual(["skip", 1]);
  });

  it("keeps going across midnight UTC, when the listener's hash turns over", async () => {
    const { track } = await makeTrack(db);
    const listener = fan();
    const id = listenId();
    await recordPlay(db, { trackId: track.id, seconds: 1, source: "shop", listenId: id }, listener, {
      secret,
      now: new Date("2026-06-01T23:59:58Z"),
    });
    expect(
      await recordPlay(db, { trackId: track.id, seconds: 6, source: "shop", listenId: id }, listener, {
        secret,
        now: new Date("2026-06-02T00:00:03Z"),
      }),
    ).toMatchObject({
      ok: true,
      outcome: "partial",
    });
    expect(await db.select().from(plays).where(eq(plays.trackId, track.id))).toHaveLength(1);
  });
});

describe("POST /api/plays", () => {
  const post = (body: string, headers: Record<string, string> = {}) =>
    POST(
      new Request("http://localhost/api/plays", {
        method: "POST",
        body,
        headers: { "user-agent": "Chromium test", "x-forwarded-for": "192.0.2.44", ...headers },
      }),
    );

  it("accepts a beacon's text body and answers 204", async () => {
    const { track } = await makeTrack(db);
    const response = await post(JSON.stringify({ trackId: track.id, seconds: 42 }), {
      "content-type": "text/plain;charset=UTF-8",
      "cf-ipcountry": "BE",
    });
    expect(response.status).toBe(204);
    const [row] = await db.select().from(plays).where(eq(plays.trackId, track.id));
    expect(row).toMatchObject({ secondsListened: 42, outcome: "partial", source: "shop", country: "BE" });
  });

  it("counts a play without a CDN's country where the listener's address is (offline IP database)", async () => {
    const { track } = await makeTrack(db);
    const response = await post(JSON.stringify({ trackId: track.id, seconds: 42 }), {
      [CLIENT_IP_HEADER]: "81.2.69.142",
    });
    expect(response.status).toBe(204);
    const [row] = await db.select().from(plays).where(eq(plays.trackId, track.id));
    expect(row.country).toBe("GB");
  });

  it("takes a listen id and upgrades that listen's play", async () => {
    const { track } = await makeTrack(db);
    const listenId = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
    expect((await post(JSON.stringify({ trackId: track.id, seconds: 0.5, listenId }))).status).toBe(204);
    expect((await post(JSON.stringify({ trackId: track.id, seconds: 7.25, listenId }))).status).toBe(204);
    const rows = await db.select().from(plays).where(eq(plays.trackId, track.id));
    expect(rows.map((r) => [r.outcome, r.secondsListened, r.listenId])).toEqual([["partial", 7, listenId]]);
  });

  it("answers bad input with a clear message and stores nothing", async () => {
    const { track } = await makeTrack(db);
    for (const body of [
      "not json",
      JSON.stringify({ trackId: track.id }),
      JSON.stringify({ trackId: track.id, seconds: -1 }),
      JSON.stringify({ trackId: track.id, seconds: 3, source: "radio" }),
      JSON.stringify({ trackId: track.id, seconds: 3, listenId: "short" }),
    ]) {
      const response = await post(body, { "content-type": "application/json" });
      expect(response.status).toBe(400);
      expect((await response.json()).error).toMatch(/trackId/);
    }
    expect((await post("x".repeat(5000))).status).toBe(413);
    expect((await post(JSON.stringify({ trackId: crypto.randomUUID(), seconds: 3 }))).status).toBe(404);
    expect(await db.select().from(plays).where(eq(plays.trackId, track.id))).toHaveLength(0);
  });
});
