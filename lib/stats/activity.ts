import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { statsDaily, statsSourcesDaily } from "@/db/schema";

export type Activity = { any: boolean; embedded: boolean };

/**
 * Whether the band has ever sold, given away or been played (so the overview knows whether
 * charts have anything to show), and whether a widget on its own site has brought a play or
 * an order yet. Reads only the daily tables, over all time.
 */
export async function getActivity(db: DbOrTx, artistId: string): Promise<Activity> {
  const rows = await db.execute<{ any: boolean; embedded: boolean }>(sql`
    select exists (select 1 from ${statsDaily} where artist_id = ${artistId} and (orders > 0 or plays > 0)) as any,
           exists (select 1 from ${statsSourcesDaily} where artist_id = ${artistId} and source = 'embed') as embedded`);
  const row = rows[0];
  return { any: Boolean(row?.any), embedded: Boolean(row?.embedded) };
}
