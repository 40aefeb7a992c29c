import { and, count, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { downloadCodeBatches, downloadCodes, type DownloadCodeBatch } from "@/db/schema";
import { logger } from "@/lib/log";

/** The create form's limit; a longer name is refused here rather than cut. */
export const MAX_LABEL = 120;

const UUID = /^[0-9a-f-]{36}$/i;
/** A label is one line of text: tabs, newlines and NULs are refused. */
const CONTROL = /\p{Cc}/u;

export type RenameBatchResult = { ok: true; batch: DownloadCodeBatch } | { ok: false; error: "not_found" | "label" };

/** An empty label is fine (the create form allows one); another band's batch is not found and stays as it was. */
export async function renameCodeBatch(
  db: DbOrTx,
  input: { artistId: string; batchId: string; label: string },
): Promise<RenameBatchResult> {
  const label = input.label.trim();
  if (label.length > MAX_LABEL || CONTROL.test(label)) return { ok: false, error: "label" };
  if (!UUID.test(input.batchId)) return { ok: false, error: "not_found" };
  const [batch] = await db
    .update(downloadCodeBatches)
    .set({ label })
    .where(and(eq(downloadCodeBatches.id, input.batchId), eq(downloadCodeBatches.artistId, input.artistId)))
    .returning();
  return batch ? { ok: true, batch } : { ok: false, error: "not_found" };
}

export type DeleteBatchResult = { ok: true; unused: number; redeemed: number } | { ok: false; error: "not_found" };

/**
 * Withdraws a batch: its unused codes stop working at once (a fan typing one is told it does not
 * exist). Redeemed codes go too, but what they opened does not depend on them: the fan's order and
 * download grant stand alone (`download_codes.order_id` points at the order, never the reverse).
 * The counts come from the rows actually deleted, so a code redeemed a moment before is counted
 * as redeemed.
 */
export async function deleteCodeBatch(
  db: DbOrTx,
  input: { artistId: string; batchId: string; deletedBy: string | null },
): Promise<DeleteBatchResult> {
  if (!UUID.test(input.batchId)) return { ok: false, error: "not_found" };
  const result = await db.transaction(async (tx): Promise<DeleteBatchResult> => {
    const [batch] = await tx
      .select({ id: downloadCodeBatches.id })
      .from(downloadCodeBatches)
      .where(and(eq(downloadCodeBatches.id, input.batchId), eq(downloadCodeBatches.artistId, input.artistId)))
      .for("update");
    if (!batch) return { ok: false, error: "not_found" };
    const codes = await tx
      .delete(downloadCodes)
      .where(eq(downloadCodes.batchId, batch.id))
      .returning({ redeemedAt: downloadCodes.redeemedAt });
    await tx.delete(downloadCodeBatches).where(eq(downloadCodeBatches.id, batch.id));
    const redeemed = codes.filter((c) => c.redeemedAt !== null).length;
    return { ok: true, unused: codes.length - redeemed, redeemed };
  });
  if (result.ok)
    logger.info(
      {
        artistId: input.artistId,
        batchId: input.batchId,
        userId: input.deletedBy,
        unused: result.unused,
        redeemed: result.redeemed,
      },
      "code batch deleted",
    );
  return result;
}

/** What the confirmation says before a batch is deleted. */
export async function countBatchCodes(db: DbOrTx, batchId: string) {
  const [row] = await db
    .select({ total: count(), redeemed: count(downloadCodes.redeemedAt) })
    .from(downloadCodes)
    .where(eq(downloadCodes.batchId, batchId));
  return { unused: row.total - row.redeemed, redeemed: row.redeemed };
}
