import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";

/**
 * Recounts one band's daily figures from its orders and plays (migration 0008's stats_rebuild):
 * after its time zone changed, inside the transaction that changed it. It waits for the band's
 * writers in flight and makes new ones wait, so no sale or play is lost or counted twice.
 * `null` recounts every band (bulk loads made with the triggers off).
 */
export async function rebuildDailyStats(db: DbOrTx, artistId: string | null): Promise<void> {
  await db.execute(sql`select stats_rebuild(${artistId}::text)`);
}
