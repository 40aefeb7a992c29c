import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { artists, releases, tracks } from "@/db/schema";
import { checkArtistAccess } from "@/lib/artists";
import { STREAM } from "@/lib/audio";
import { trackLocked } from "@/lib/catalog";
import { releaseAvailable } from "@/lib/moderation";
import { storage } from "@/lib/storage";

/** Bytes per second of the streaming rendition (MP3 128 kbps CBR): a clip of N s is N × 16000 bytes. */
export const STREAM_BYTES_PER_SECOND = (STREAM.bitrateKbps * 1000) / 8;

/**
 * The signed-in person asking, looked up only when a draft needs it (published audio reads no
 * cookie). `null` when the caller cannot read the session (lib/cli/server.ts's fast path): a
 * draft then answers `needs_session`, for the caller to hand the request to Next.
 */
export type Viewer = (() => Promise<{ id: string } | null>) | null;

export type StreamTarget = {
  trackId: string;
  key: string;
  /** Bytes fans may receive: the whole rendition, or the clip's first clipSeconds × 16000 bytes. */
  length: number;
  etag: string;
  lastModified: Date;
  /** Who may hear it: anyone (published), or only the band's members (a draft, taken down…). */
  audience: "public" | "members";
  /**
   * Whether browsers and shared caches may keep the bytes for PUBLIC_MAX_AGE: published audio
   * from local disk. Never a draft's, nor anything on the object-storage path, where a band's
   * switch to a clip or off holds from the next request.
   */
  shared: boolean;
  /**
   * The stored object the listener may have whole, for a redirect to its signed URL (object
   * storage): the stream rendition, or a clip track's own clip file once it is cut at the current
   * clipSeconds. Null while that clip is not made: the app sends the bytes up to the clip's end.
   */
  whole: { key: string; seconds: number } | null;
};

export type StreamAccess =
  | { allowed: true; target: StreamTarget }
  | {
      allowed: false;
      reason: "not_found" | "not_ready" | "streaming_off" | "draft" | "locked" | "missing_file" | "needs_session";
    };

/** Track ids are UUIDs; anything much longer is not worth a query. */
const MAX_ID_LENGTH = 64;

/**
 * Every seek is a request, and the lookup cost more than the bytes (issue 3): a published track's
 * answer is reused for a few seconds. Browsers and CDNs already keep it for PUBLIC_MAX_AGE, so a
 * band switching a track to a clip or off, or unpublishing it, waits a little longer at most.
 * Drafts and refusals are never kept: a member's access is checked on every request.
 * With object storage nothing is kept: seeks go to the signed URL, the app sees one request per
 * play, and a band's switch to a clip or off holds from the very next request on every server.
 */
const PUBLISHED_TTL_MS = 5_000;
/** Bounded, so a crawler walking every track cannot grow it without end. */
const MAX_PUBLISHED_ENTRIES = 2_000;

const published = new Map<string, { target: StreamTarget; expires: number }>();
let cacheClock = { ttlMs: PUBLISHED_TTL_MS, maxEntries: MAX_PUBLISHED_ENTRIES, now: () => Date.now() };

export const publishedStreamCache = {
  /** Tests use a tiny TTL, a small bound or their own clock; no argument restores the defaults. */
  configure(options: { ttlMs?: number; maxEntries?: number; now?: () => number } = {}) {
    cacheClock = {
      ttlMs: options.ttlMs ?? PUBLISHED_TTL_MS,
      maxEntries: options.maxEntries ?? MAX_PUBLISHED_ENTRIES,
      now: options.now ?? (() => Date.now()),
    };
    published.clear();
  },
  /** A stored file that has gone (a new rendition, a deleted track) must not be answered again. */
  forget(trackId: string) {
    published.delete(trackId);
  },
  has(trackId: string) {
    return published.has(trackId);
  },
};

function cachedPublished(trackId: string): StreamTarget | null {
  const entry = published.get(trackId);
  if (!entry) return null;
  if (entry.expires > cacheClock.now()) return entry.target;
  published.delete(trackId);
  return null;
}

function keepPublished(target: StreamTarget) {
  if (cacheClock.ttlMs <= 0) return;
  published.delete(target.trackId);
  // A Map iterates in insertion order: the first key is the oldest entry.
  if (published.size >= cacheClock.maxEntries) published.delete(published.keys().next().value!);
  published.set(target.trackId, { target, expires: cacheClock.now() + cacheClock.ttlMs });
}

/**
 * Who may hear which bytes of a track. Every refusal looks the same to the listener (a 404), so a
 * stranger cannot tell a draft from a track that does not exist.
 */
export async function resolveStream(db: DbOrTx, trackId: string, viewer: Viewer): Promise<StreamAccess> {
  if (trackId.length === 0 || trackId.length > MAX_ID_LENGTH) return { allowed: false, reason: "not_found" };
  const reuse = storage().name === "local";
  const cached = reuse ? cachedPublished(trackId) : null;
  if (cached) return { allowed: true, target: cached };
  const [row] = await db
    .select({
      id: tracks.id,
      artistId: tracks.artistId,
      status: tracks.status,
      streamKey: tracks.streamKey,
      streamSize: tracks.streamSize,
      streaming: tracks.streaming,
      clipSeconds: tracks.clipSeconds,
      clipKey: tracks.clipKey,
      clipKeySeconds: tracks.clipKeySeconds,
      durationMs: tracks.durationMs,
      updatedAt: tracks.updatedAt,
      releaseStatus: releases.status,
      releaseAt: releases.releaseAt,
      releasedAt: releases.releasedAt,
      preorderAvailable: tracks.preorderAvailable,
      takenDownAt: releases.takenDownAt,
      artistStatus: artists.status,
    })
    .from(tracks)
    .innerJoin(releases, eq(releases.id, tracks.releaseId))
    .innerJoin(artists, eq(artists.id, tracks.artistId))
    .where(eq(tracks.id, trackId))
    .limit(1);
  if (!row) return { allowed: false, reason: "not_found" };
  if (row.status !== "ready" || !row.streamKey) return { allowed: false, reason: "not_ready" };
  if (row.streaming === "off") return { allowed: false, reason: "streaming_off" };

  // Taken down or suspended: no plays for the public, like a draft; the band's members still hear it.
  // So for a pre-order's track kept for release day: that refusal is never cached, so it cannot
  // outlive the release (only public answers are kept, and a track unlocked stays unlocked).
  const locked = trackLocked(
    { status: row.releaseStatus, releaseAt: row.releaseAt, releasedAt: row.releasedAt },
    { preorderAvailable: row.preorderAvailable },
  );
  const isPublished =
    row.releaseStatus === "published" &&
    !locked &&
    releaseAvailable({ status: row.artistStatus }, { takenDownAt: row.takenDownAt });
  if (!isPublished) {
    if (!viewer) return { allowed: false, reason: "needs_session" };
    const user = await viewer();
    const refusal = locked ? "locked" : "draft";
    if (!user) return { allowed: false, reason: refusal };
    const access = await checkArtistAccess(db, user.id, { id: row.artistId });
    if (!access.allowed) return { allowed: false, reason: refusal };
  }

  // The pipeline records the rendition's size; older rows without it ask storage.
  const size = row.streamSize ?? (await storage().stat(row.streamKey))?.size;
  if (size === undefined) return { allowed: false, reason: "missing_file" };
  const isClip = row.streaming === "clip";
  const length = isClip ? Math.min(size, row.clipSeconds * STREAM_BYTES_PER_SECOND) : size;
  const seconds = (row.durationMs ?? (size / STREAM_BYTES_PER_SECOND) * 1000) / 1000;
  const clipKey = row.clipKeySeconds === row.clipSeconds ? row.clipKey : null;

  const target: StreamTarget = {
    trackId: row.id,
    key: row.streamKey,
    length,
    etag: streamEtag(row.id, length, row.updatedAt),
    lastModified: row.updatedAt,
    audience: isPublished ? "public" : "members",
    shared: isPublished && reuse,
    // Never the whole rendition for a clip track: a signed URL cannot stop a range at the clip's end.
    whole: !isClip
      ? { key: row.streamKey, seconds }
      : clipKey
        ? { key: clipKey, seconds: Math.min(seconds, row.clipSeconds) }
        : null,
  };
  if (isPublished && reuse) keepPublished(target);
  return { allowed: true, target };
}

/**
 * Strong validator: a new rendition or another clip length changes the size or updatedAt, so a
 * browser never stitches ranges of two different files together (If-Range).
 */
export function streamEtag(trackId: string, length: number, updatedAt: Date) {
  const digest = createHash("sha256").update(`${trackId}:${length}:${updatedAt.getTime()}`).digest("base64url");
  return `"${digest.slice(0, 27)}"`;
}
