import { and, count, desc, eq, isNotNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { downloadCodeBatches, downloadCodes, releases, type DownloadCodeBatch } from "@/db/schema";
import { newCode } from "./generate";
import { MAX_LABEL } from "./manage";

export const MAX_BATCH = 10_000;
const CHUNK = 2_000;

export type CreateBatchResult = { ok: true; batch: DownloadCodeBatch } | { ok: false; error: "count" | "release" };

/**
 * A batch of fresh codes for one of the band's releases, in one transaction. Codes go in by
 * chunks of multi-row INSERTs; the unique index skips the (astronomically rare) collision, and
 * the loop draws again until the batch is full.
 */
export async function createCodeBatch(
  db: DbOrTx,
  input: { artistId: string; releaseId: string; count: number; label?: string; createdBy: string | null },
): Promise<CreateBatchResult> {
  if (!Number.isInteger(input.count) || input.count < 1 || input.count > MAX_BATCH)
    return { ok: false, error: "count" };
  if (!/^[0-9a-f-]{36}$/i.test(input.releaseId)) return { ok: false, error: "release" };
  const [release] = await db
    .select({ id: releases.id })
    .from(releases)
    .where(and(eq(releases.id, input.releaseId), eq(releases.artistId, input.artistId)))
    .limit(1);
  if (!release) return { ok: false, error: "release" };
  const batch = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(downloadCodeBatches)
      .values({
        artistId: input.artistId,
        releaseId: release.id,
        label: (input.label ?? "").trim().slice(0, MAX_LABEL),
        count: input.count,
        createdBy: input.createdBy,
      })
      .returning();
    let missing = input.count;
    while (missing > 0) {
      const size = Math.min(missing, CHUNK);
      const values = Array.from({ length: size }, () => ({
        batchId: row.id,
        artistId: input.artistId,
        releaseId: release.id,
        code: newCode(),
      }));
      const inserted = await tx
        .insert(downloadCodes)
        .values(values)
        .onConflictDoNothing()
        .returning({ id: downloadCodes.id });
      missing -= inserted.length;
    }
    return row;
  });
  return { ok: true, batch };
}

export type BatchSummary = DownloadCodeBatch & { releaseTitle: string; redeemed: number };

export async function listCodeBatches(db: DbOrTx, artistId: string): Promise<BatchSummary[]> {
  const redeemed = db
    .select({ batchId: downloadCodes.batchId, n: count().as("n") })
    .from(downloadCodes)
    .where(and(eq(downloadCodes.artistId, artistId), isNotNull(downloadCodes.redeemedAt)))
    .groupBy(downloadCodes.batchId)
    .as("redeemed");
  const rows = await db
    .select({
      batch: downloadCodeBatches,
      releaseTitle: releases.title,
      redeemed: sql<number>`coalesce(${redeemed.n}, 0)::int`,
    })
    .from(downloadCodeBatches)
    .innerJoin(releases, eq(releases.id, downloadCodeBatches.releaseId))
    .leftJoin(redeemed, eq(redeemed.batchId, downloadCodeBatches.id))
    .where(eq(downloadCodeBatches.artistId, artistId))
    .orderBy(desc(downloadCodeBatches.createdAt));
  return rows.map((r) => ({ ...r.batch, releaseTitle: r.releaseTitle, redeemed: Number(r.redeemed) }));
}

/** Another band's batch id finds nothing: pages and exports answer 404. */
export async function getCodeBatch(db: DbOrTx, artistId: string, batchId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(batchId)) return null;
  const [row] = await db
    .select({ batch: downloadCodeBatches, releaseTitle: releases.title, releaseSlug: releases.slug })
    .from(downloadCodeBatches)
    .innerJoin(releases, eq(releases.id, downloadCodeBatches.releaseId))
    .where(and(eq(downloadCodeBatches.id, batchId), eq(downloadCodeBatches.artistId, artistId)))
    .limit(1);
  return row ? { ...row.batch, releaseTitle: row.releaseTitle, releaseSlug: row.releaseSlug } : null;
}

export async function listBatchCodes(db: DbOrTx, batchId: string, page?: { offset: number; limit: number }) {
  const query = db
    .select({
      code: downloadCodes.code,
      redeemedAt: downloadCodes.redeemedAt,
      redeemedEmail: downloadCodes.redeemedEmail,
    })
    .from(downloadCodes)
    .where(eq(downloadCodes.batchId, batchId))
    .orderBy(downloadCodes.createdAt, downloadCodes.code);
  return page ? query.offset(page.offset).limit(page.limit) : query;
}
