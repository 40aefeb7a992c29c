import { and, desc, eq, ne, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { onShop } from "@/db/queries/releases";
import { artists, releases, type Plan } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit";

/** Free shops list one published release (drafts are unlimited); Pro has no limit. */
export const FREE_LISTED_RELEASES = 1;

export type ListingCheck = { allowed: true } | { allowed: false; reason: "plan_limit"; limit: number };

/**
 * Whether `releaseId` may become published and listed. Call inside the transaction that then
 * publishes it: the band's row is locked, so two publishes at once (two tabs, the API and a
 * scheduled release) are counted one after the other and a Free band never ends with two.
 */
export async function checkCanList(tx: Tx, artistId: string, releaseId: string): Promise<ListingCheck> {
  const [artist] = await tx.select({ plan: artists.plan }).from(artists).where(eq(artists.id, artistId)).for("update");
  if (!artist || artist.plan === "pro") return { allowed: true };
  const [{ listed }] = await tx
    .select({ listed: sql<number>`count(*)::int` })
    .from(releases)
    .where(and(onShop(artistId), ne(releases.id, releaseId)));
  return listed >= FREE_LISTED_RELEASES
    ? { allowed: false, reason: "plan_limit", limit: FREE_LISTED_RELEASES }
    : { allowed: true };
}

/**
 * The one place a band's plan changes (subscription events, the grace period's end, an
 * operator). Going to Free keeps every file and sale: the most recently published release stays
 * listed and the others become unlisted, their addresses still working for buyers.
 */
export async function setArtistPlan(
  tx: Tx,
  artistId: string,
  plan: Plan,
  actor: Actor,
  reason: string | null = null,
): Promise<{ changed: boolean; unlisted: string[] }> {
  const [current] = await tx.select({ plan: artists.plan }).from(artists).where(eq(artists.id, artistId)).for("update");
  if (!current || current.plan === plan) return { changed: false, unlisted: [] };
  await tx.update(artists).set({ plan }).where(eq(artists.id, artistId));
  let unlisted: string[] = [];
  if (plan === "free") {
    const listed = await tx
      .select({ id: releases.id })
      .from(releases)
      .where(onShop(artistId))
      .orderBy(desc(releases.publishedAt), desc(releases.createdAt));
    unlisted = listed.slice(FREE_LISTED_RELEASES).map((r) => r.id);
    for (const id of unlisted) await tx.update(releases).set({ listed: false }).where(eq(releases.id, id));
  }
  await recordAudit(tx, {
    artistId,
    actor,
    action: "plan.change",
    reason,
    details: { from: current.plan, to: plan, unlisted },
  });
  return { changed: true, unlisted };
}

/**
 * Migration 0019's trigger refused a write (a path that skipped checkCanList, or lost a race
 * with a plan change): callers turn it into the same `plan_limit` answer. Drizzle wraps the
 * driver's error in `cause`.
 */
export function isPlanLimitViolation(error: unknown): boolean {
  for (let e = error as { constraint_name?: string; cause?: unknown } | undefined, depth = 0; e && depth < 4; depth++) {
    if (e.constraint_name === "releases_plan_limit") return true;
    e = e.cause as typeof e;
  }
  return false;
}
