import type { Db } from "@/db/client";
import type { Plan } from "@/db/schema";
import type { Actor } from "@/lib/audit";
import { setArtistPlan } from "@/lib/plans";

export type ChangePlanResult = { ok: true; unlisted: number } | { ok: false; error: "reason_required" | "unchanged" };

/**
 * An operator moves a band between plans by hand (a gift, a dispute), with a reason. setArtistPlan
 * locks the band, unlists releases past the Free limit and writes the audit entry.
 */
export async function changePlanByOperator(
  db: Db,
  artistId: string,
  plan: Plan,
  actor: Actor,
  reason: string,
): Promise<ChangePlanResult> {
  const why = reason.trim().slice(0, 2000);
  if (!why) return { ok: false, error: "reason_required" };
  const result = await db.transaction((tx) => setArtistPlan(tx, artistId, plan, actor, why));
  return result.changed ? { ok: true, unlisted: result.unlisted.length } : { ok: false, error: "unchanged" };
}
