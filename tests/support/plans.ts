import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { artists, releases, tracks, type Plan } from "@/db/schema";
import { unique } from "./factories";

/** A draft that passes every publishing check (a ready track, a price): only the plan can refuse it. */
export async function makePublishableDraft(db: Db, artistId: string, title = "Draft") {
  const [release] = await db
    .insert(releases)
    .values({
      artistId,
      slug: unique("rel"),
      title,
      status: "draft",
      pricingMode: "fixed",
      priceAmount: 500,
      currency: "EUR",
    })
    .returning();
  await db.insert(tracks).values({
    releaseId: release.id,
    artistId,
    position: 1,
    title: `${title} song`,
    masterKey: `masters/${unique("m")}.flac`,
    status: "ready",
  });
  return release;
}

/** Sets a band's plan straight in the database (billing's lifecycle is tested elsewhere). */
export async function setPlan(db: Db, artistId: string, plan: Plan) {
  await db.update(artists).set({ plan }).where(eq(artists.id, artistId));
}

/** How many releases a band's shop lists: what the Free limit counts. */
export async function listedCount(db: Db, artistId: string) {
  const [row] = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from releases where artist_id = ${artistId} and status = 'published' and listed and taken_down_at is null`,
  );
  return row.n;
}
