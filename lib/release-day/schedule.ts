import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { artists, releases, tracks, type Release } from "@/db/schema";
import { checkArtistAccess } from "@/lib/artists";
import { isPreorder } from "@/lib/catalog";
import { deliverSoon } from "@/lib/email";
import { enqueueReleaseDay } from "@/lib/queue";
import { zonedMoment } from "@/lib/time-zone";
import { queueDateMovedMails } from "./buyers";
import { markReleased } from "./released";

/** Further than this is a typo (2207 for 2027), not a plan. */
export const MAX_SCHEDULE_DAYS = 2 * 366;

export type ScheduleInput = {
  /** "YYYY-MM-DD" and "HH:MM" in the band's time zone; both empty: no release day (out when published). */
  date: string;
  time: string;
  /** Tracks heard in full and downloaded by buyers before release day; every other one waits. */
  availableTrackIds: string[];
};

export type ScheduleError =
  "not_found" | "date_invalid" | "date_past" | "date_too_far" | "already_out" | "date_required" | "track_unknown";

export type ScheduleResult =
  { ok: true; release: Release; moved: boolean; buyersTold: number } | { ok: false; error: ScheduleError };

async function memberRelease(db: DbOrTx, userId: string, releaseId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(releaseId)) return null;
  const [row] = await db
    .select({ release: releases, timeZone: artists.timeZone })
    .from(releases)
    .innerJoin(artists, eq(artists.id, releases.artistId))
    .where(eq(releases.id, releaseId));
  if (!row) return null;
  const access = await checkArtistAccess(db, userId, { id: row.release.artistId });
  return access.allowed ? row : null;
}

/**
 * Sets (or moves, or clears) a release's release day and which tracks are available at once.
 * The release's job is queued in the same transaction, starting at the new moment; a job left
 * from an earlier date re-reads the row and does nothing early. Moving a live pre-order's date
 * tells every buyer, once per change.
 */
export async function scheduleRelease(
  db: DbOrTx,
  userId: string,
  releaseId: string,
  input: ScheduleInput,
  now = new Date(),
): Promise<ScheduleResult> {
  const found = await memberRelease(db, userId, releaseId);
  if (!found) return { ok: false, error: "not_found" };
  const clearing = input.date.trim() === "" && input.time.trim() === "";
  const at = clearing ? null : zonedMoment(input.date.trim(), input.time.trim(), found.timeZone);
  if (!clearing && !at) return { ok: false, error: "date_invalid" };
  if (at && at.getTime() <= now.getTime()) return { ok: false, error: "date_past" };
  if (at && at.getTime() > now.getTime() + MAX_SCHEDULE_DAYS * 86_400_000) return { ok: false, error: "date_too_far" };
  const wanted = [...new Set(input.availableTrackIds)];
  if (wanted.some((id) => !/^[0-9a-f-]{36}$/i.test(id))) return { ok: false, error: "track_unknown" };

  const result = await db.transaction(async (tx): Promise<ScheduleResult> => {
    // The row locked: a release job or a second tab waits for this change, then sees it.
    const [current] = await tx.select().from(releases).where(eq(releases.id, releaseId)).for("update");
    if (!current) return { ok: false, error: "not_found" };
    if (current.releasedAt) return { ok: false, error: "already_out" };
    // A live pre-order stays one: "Release now" brings it out, a cleared date would do it silently.
    if (!at && isPreorder(current)) return { ok: false, error: "date_required" };
    const own = wanted.length
      ? await tx
          .select({ id: tracks.id })
          .from(tracks)
          .where(and(eq(tracks.releaseId, releaseId), inArray(tracks.id, wanted)))
      : [];
    if (own.length !== wanted.length) return { ok: false, error: "track_unknown" };
    await tx
      .update(tracks)
      .set({ preorderAvailable: wanted.length ? inArray(tracks.id, wanted) : sql`false` })
      .where(eq(tracks.releaseId, releaseId));
    const moved = (current.releaseAt?.getTime() ?? null) !== (at?.getTime() ?? null);
    if (!moved) return { ok: true, release: current, moved: false, buyersTold: 0 };
    const [release] = await tx.update(releases).set({ releaseAt: at }).where(eq(releases.id, releaseId)).returning();
    if (at) await enqueueReleaseDay(releaseId, at, { tx });
    const buyersTold = isPreorder(current) ? await queueDateMovedMails(tx, release, randomUUID()) : 0;
    return { ok: true, release, moved: true, buyersTold };
  });
  if (result.ok && result.buyersTold > 0) await deliverSoon(db);
  return result;
}

export type ReleaseNowResult = { ok: true; release: Release } | { ok: false; error: "not_found" | "not_preorder" };

/** "Release now": a pre-order comes out at once, through the same markReleased as its job. */
export async function releaseNow(
  db: DbOrTx,
  userId: string,
  releaseId: string,
  now = new Date(),
): Promise<ReleaseNowResult> {
  const found = await memberRelease(db, userId, releaseId);
  if (!found) return { ok: false, error: "not_found" };
  const result = await db.transaction(async (tx): Promise<ReleaseNowResult> => {
    const [current] = await tx.select().from(releases).where(eq(releases.id, releaseId)).for("update");
    if (!current || !isPreorder(current)) return { ok: false, error: "not_preorder" };
    await tx.update(releases).set({ releaseAt: now }).where(eq(releases.id, releaseId));
    const release = await markReleased(tx, releaseId, now);
    return release ? { ok: true, release } : { ok: false, error: "not_preorder" };
  });
  if (result.ok) await deliverSoon(db);
  return result;
}
