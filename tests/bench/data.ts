import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { createDb } from "@/db/client";
import { artistMembers, artists, releases, tracks, users } from "@/db/schema";
import { storage } from "@/lib/storage";
import { makeStreamableTrack, makeStreamMp3 } from "@/tests/support/stream-fixtures";

export const BENCH_BAND = { slug: "bench-band", email: "bench@merchtable.local", release: "bench-release" };
const TRACK_SECONDS = 240;
const TRACKS = 10;

export type BenchData = { trackId: string; streamKey: string; size: number; releasePath: string };

/**
 * The benchmark's own band: a published ten-track release whose first track has a real
 * four-minute MP3 (128 kbps CBR, as the pipeline makes them), rebuilt on every run.
 */
export async function prepareBenchData(url: string): Promise<BenchData> {
  const { db, client } = createDb(url, { max: 2 });
  const work = mkdtempSync(path.join(tmpdir(), "merchtable-bench-"));
  try {
    const [old] = await db.select({ id: artists.id }).from(artists).where(eq(artists.slug, BENCH_BAND.slug));
    if (old) {
      await storage().deletePrefix(`streams/${old.id}`);
      await db.delete(artists).where(eq(artists.id, old.id));
    }
    await db.delete(users).where(eq(users.email, BENCH_BAND.email));
    const [user] = await db.insert(users).values({ email: BENCH_BAND.email, name: "Bench Band" }).returning();
    const [artist] = await db.insert(artists).values({ slug: BENCH_BAND.slug, name: "The Bench Band" }).returning();
    await db.insert(artistMembers).values({ artistId: artist.id, userId: user.id, role: "owner" });

    const peaks = Array.from({ length: 240 }, (_, i) => 0.3 + 0.6 * Math.abs(Math.sin(i / 9)));
    const { track, release, size } = await makeStreamableTrack(db, artist.id, {
      file: makeStreamMp3(TRACK_SECONDS, work),
      releaseSlug: BENCH_BAND.release,
      title: "Bench Track 1",
      durationMs: TRACK_SECONDS * 1000,
      peaks,
    });
    await db
      .update(releases)
      .set({ title: "Bench Release", kind: "album", description: "Ten tracks for the release page benchmark." })
      .where(eq(releases.id, release.id));
    // The other tracks share the first one's rendition: the page only lists them.
    for (let position = 2; position <= TRACKS; position++) {
      await db.insert(tracks).values({
        releaseId: release.id,
        artistId: artist.id,
        position,
        title: `Bench Track ${position}`,
        masterKey: track.masterKey,
        status: "ready",
        streamKey: track.streamKey,
        streamSize: size,
        durationMs: TRACK_SECONDS * 1000,
        peaks,
      });
    }
    return {
      trackId: track.id,
      streamKey: track.streamKey!,
      size,
      releasePath: `/${BENCH_BAND.slug}/${BENCH_BAND.release}`,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
    await client.end({ timeout: 5 });
  }
}

/** The seeded demo album's page when the demo seed made it, published with a ready track. */
export async function demoReleasePath(url: string): Promise<string | null> {
  const { db, client } = createDb(url, { max: 1 });
  try {
    const [row] = await db
      .select({ artist: artists.slug, release: releases.slug })
      .from(releases)
      .innerJoin(artists, eq(artists.id, releases.artistId))
      .innerJoin(tracks, and(eq(tracks.releaseId, releases.id), eq(tracks.status, "ready")))
      .where(and(eq(artists.slug, "demo-band"), eq(releases.status, "published")))
      .limit(1);
    return row ? `/${row.artist}/${row.release}` : null;
  } finally {
    await client.end({ timeout: 5 });
  }
}
