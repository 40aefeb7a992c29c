import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { plays, releases, tracks } from "@/db/schema";
import { env } from "@/lib/env";
import { hit, type Limit } from "@/lib/rate-limit";
import { classifyPlay, playableSeconds, type PlayOutcome } from "./classify";
import { listenerHash, normalizeHost, type RequestFacts } from "./listener";

export type PlayInput = {
  trackId: string;
  seconds: number;
  source: "shop" | "embed";
  host?: string | null;
  /** The player's id for this listen: reports sharing it update one play (see `reportPoints`). */
  listenId?: string | null;
};

export type RecordResult =
  | { ok: true; playId: string; outcome: PlayOutcome; seconds: number }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/**
 * A real listener starts at most a few listens a minute; a script replaying reports hits these long
 * before it can move a band's figures. Only a new listen counts: the later reports of one listen
 * upgrade its play and cannot add one. Per listener: 120 plays an hour; per listener and track: 12.
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
 *
 * A report with a listen id already recorded for this track by the same listener upgrades that
 * play (more seconds, skip → partial → complete; never down) instead of adding one: the stats
 * trigger moves the play between its classes and the day's count stays one.
 */
export async function recordPlay(
  db: DbOrTx,
  input: PlayInput,
  facts: RequestFacts,
  options: { now?: Date; secret?: string } = {},
): Promise<RecordResult> {
  const now = options.now ?? new Date();
  const secret = options.secret ?? env().AUTH_SECRET;
  if (!secret)
    throw new Error("AUTH_SECRET is not set: plays cannot be recorded without the key that hashes listeners.");

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
  const clip = { isClip: track.streaming === "clip", clipSeconds: track.clipSeconds };
  const durationSeconds = track.durationMs === null ? null : track.durationMs / 1000;
  const length = playableSeconds(durationSeconds, clip);
  const heard = Math.max(0, Math.min(input.seconds, length ?? UNKNOWN_LENGTH_CAP_SECONDS));
  const outcome = classifyPlay(heard, durationSeconds, clip);
  const seconds = Math.round(heard);

  const listenId = input.listenId ?? null;
  if (listenId) {
    // The listener's hash turns over at midnight UTC; a listen going on across it is still theirs.
    const yesterday = listenerHash(secret, facts, new Date(now.getTime() - 86_400_000));
    const [existing] = await db
      .select({ id: plays.id, listenerHash: plays.listenerHash })
      .from(plays)
      .where(and(eq(plays.trackId, track.id), eq(plays.listenId, listenId)))
      .limit(1);
    if (existing) {
      if (existing.listenerHash !== listener && existing.listenerHash !== yesterday)
        return { ok: false, reason: "not_found" };
      return upgrade(db, existing.id, seconds, outcome);
    }
  }

  for (const [key, limit] of [
    [`plays:${listener}`, PLAY_LIMITS.listener],
    [`plays:${listener}:${track.id}`, PLAY_LIMITS.listenerTrack],
  ] as const) {
    const state = await hit(db, key, limit, now);
    if (!state.allowed) return { ok: false, reason: "rate_limited", retryAfterSeconds: state.retryAfterSeconds };
  }

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
      sourceHost: input.source === "embed" ? normalizeHost(input.host) : null,
      country: facts.country,
      listenerHash: listener,
      isClip: clip.isClip,
      listenId,
    })
    // Two first reports of one listen racing: one inserts, the other upgrades it.
    .onConflictDoUpdate({
      target: [plays.trackId, plays.listenId],
      targetWhere: sql`${plays.listenId} is not null`,
      set: upgradeSet(seconds, outcome),
      setWhere: sql`${plays.listenerHash} = ${listener}`,
    })
    .returning({ id: plays.id, outcome: plays.outcome, seconds: plays.secondsListened });
  if (!row) return { ok: false, reason: "not_found" };
  return { ok: true, playId: row.id, outcome: row.outcome, seconds: row.seconds };
}

/**
 * More seconds and a better class, never fewer or a worse one (a late or replayed report changes
 * nothing). The enum is declared complete < partial < skip, so the better class is the least.
 */
function upgradeSet(seconds: number, outcome: PlayOutcome) {
  return {
    secondsListened: sql`greatest(${plays.secondsListened}, ${seconds})`,
    outcome: sql`least(${plays.outcome}, ${outcome}::play_outcome)`,
  };
}

async function upgrade(db: DbOrTx, playId: string, seconds: number, outcome: PlayOutcome): Promise<RecordResult> {
  // Only a real change writes (and so fires the stats trigger).
  await db
    .update(plays)
    .set(upgradeSet(seconds, outcome))
    .where(
      and(
        eq(plays.id, playId),
        sql`(${plays.secondsListened} < ${seconds} or ${plays.outcome} > ${outcome}::play_outcome)`,
      ),
    );
  const [row] = await db
    .select({ outcome: plays.outcome, seconds: plays.secondsListened })
    .from(plays)
    .where(eq(plays.id, playId));
  if (!row) return { ok: false, reason: "not_found" };
  return { ok: true, playId, outcome: row.outcome, seconds: row.seconds };
}
