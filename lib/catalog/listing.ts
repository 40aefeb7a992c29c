import { eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { artists, releases, type Release } from "@/db/schema";
import { checkCanList, FREE_LISTED_RELEASES, isPlanLimitViolation } from "@/lib/plans";

export type ListingWrite = { ok: true; release: Release } | { ok: false; error: "plan_limit"; limit: number };

/**
 * Writes a release's status and listing. A published, listed release shows on the shop, so it
 * counts against a Free band's limit: checkCanList locks the band's row and the update commits in
 * the same transaction, so two publishes at once (two tabs, the API) are counted one after the
 * other. Migration 0019's trigger refuses anything that slips by; both give `plan_limit`.
 */
export async function writeListing(
  db: Db,
  current: Pick<Release, "id" | "artistId" | "publishedAt">,
  next: { status: "draft" | "published"; listed: boolean },
): Promise<ListingWrite> {
  try {
    return await db.transaction(async (tx): Promise<ListingWrite> => {
      if (next.status === "published" && next.listed) {
        const check = await checkCanList(tx, current.artistId, current.id);
        if (!check.allowed) return { ok: false, error: "plan_limit", limit: check.limit };
      }
      const [release] = await tx
        .update(releases)
        .set({
          status: next.status,
          listed: next.listed,
          publishedAt: next.status === "published" ? (current.publishedAt ?? new Date()) : current.publishedAt,
        })
        .where(eq(releases.id, current.id))
        .returning();
      return { ok: true, release };
    });
  } catch (error) {
    if (isPlanLimitViolation(error)) return { ok: false, error: "plan_limit", limit: FREE_LISTED_RELEASES };
    throw error;
  }
}

/** The slug of the band a release belongs to (for the upgrade link of a refusal). */
export async function artistSlugOfRelease(db: DbOrTx, releaseId: string): Promise<string | null> {
  const [row] = await db
    .select({ slug: artists.slug })
    .from(releases)
    .innerJoin(artists, eq(artists.id, releases.artistId))
    .where(eq(releases.id, releaseId));
  return row?.slug ?? null;
}
