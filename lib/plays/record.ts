import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { plays, releases, tracks } from "../../db/schema";
import { env } from "../env";
import { hit, type Limit } from "../rate-limit";
import { classifyPlay, playableSeconds, type PlayOutcome } from "./classify";
import { listenerHash, normaliseHost, type RequestFacts } from "./listener";

export type PlayInput = { trackId: string; seconds: number; source: "shop" | "embed"; host?: string | null };

export type RecordResult =
  | { ok: true; playId: string; outcome: PlayOutcome; seconds: number }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/**
 * A real listener reports at most a few plays a minute (each one ends when they move on); a
 * script replaying reports hits these long before it can move a band's figures.
 * Per listener: 120 plays an hour; per listener and track: 12 an hour.
 */
export const PLAY_LIMITS = {
  listener: { max: 120, windowSeconds: 3600 },
  listenerTrack: { max: 12, windowSeconds: 3600 },
} satisfies Record<string, Limit>;

/** A track whose duration is not known yet still cannot claim more than this per report. */
const UNKNOWN_LENGTH_CAP_SECONDS = 6 * 3600;

/**
 * Records one listen reported by a player. Only published, playable tracks count; the seconds are
 * clamped to what can be heard (a clip, or the track), so one report never weighs more than one
 * listen. Embeds record the embedding site's host; the band's own pages record none.
 */
export async function recordPlay(
  db: DbOrTx,
  input: PlayInput,
  facts: RequestFacts,
  options: { now?: Date; secret?: string } = {},
): Promise<RecordResult> {
  const now = options.now ?? new Date();
  const secret = options.secret ?? env().AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set: plays cannot be recorded without the key that hashes listeners.");

  const [track] = await db
    .select({
      id: tracks.id,
      releaseId: tracks.releaseId,
      artistId: tracks.artistId,
      durationMs: tracks.durationMs,
      status: tracks.status,
      streaming: tracks.streaming,
      clipSeconds: tracks.clipSeconds,
      releaseStatus: releases.status,
    })
    .from(tracks)
    .innerJoin(releases, eq(releases.id, tracks.releaseId))
    .where(eq(tracks.id, input.trackId))
    .limit(1);
  if (!track || track.releaseStatus !== "published" || track.status !== "ready" || track.streaming === "off") {
    return { ok: false, reason: "not_found" };
  }

  const listener = listenerHash(secret, facts, now);
  for (const [key, limit] of [
    [`plays:${listener}`, PLAY_LIMITS.listener],
    [`plays:${listener}:${track.id}`, PLAY_LIMITS.listenerTrack],
  ] as const) {
    const state = await hit(db, key, limit, now);
    if (!state.allowed) return { ok: false, reason: "rate_limited", retryAfterSeconds: state.retryAfterSeconds };
  }

  const clip = { isClip: track.streaming === "clip", clipSeconds: track.clipSeconds };
  const durationSeconds = track.durationMs === null ? null : track.durationMs / 1000;
  const length = playableSeconds(durationSeconds, clip);
  const heard = Math.max(0, Math.min(input.seconds, length ?? UNKNOWN_LENGTH_CAP_SECONDS));
  const outcome = classifyPlay(heard, durationSeconds, clip);
  const seconds = Math.round(heard);

  const [row] = await db
    .insert(plays)
    .values({
      trackId: track.id,
      releaseId: track.releaseId,
      artistId: track.artistId,
      playedAt: now,
      secondsListened: seconds,
      outcome,
      source: input.source,
      sourceHost: input.source === "embed" ? normaliseHost(input.host) : null,
      country: facts.country,
      listenerHash: listener,
      isClip: clip.isClip,
    })
    .returning({ id: plays.id });
  return { ok: true, playId: row.id, outcome, seconds };
}
