import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { downloadCodeBatches, downloadCodes, orders } from "@/db/schema";
import {
  countBatchCodes,
  createCodeBatch,
  deleteCodeBatch,
  getCodeBatch,
  listBatchCodes,
  listCodeBatches,
  renameCodeBatch,
} from "@/lib/codes";
import { findGrantByToken, loadGrantContents } from "@/lib/downloads/contents";
import { redeemCode } from "@/lib/orders";
import { unique, useTestDb } from "@/tests/support/factories";
import { makeShop } from "@/tests/support/orders";

const db = useTestDb();
const ip = () => unique("10.1.0");

async function batchOf(count: number, label = "Spring tour") {
  const shop = await makeShop(db);
  const made = await createCodeBatch(db, {
    artistId: shop.artist.id,
    releaseId: shop.album.id,
    count,
    label,
    createdBy: shop.owner.id,
  });
  if (!made.ok) throw new Error(made.error);
  return { shop, batch: made.batch, codes: await listBatchCodes(db, made.batch.id) };
}

const labelOf = async (batchId: string) =>
  (
    await db
      .select({ label: downloadCodeBatches.label })
      .from(downloadCodeBatches)
      .where(eq(downloadCodeBatches.id, batchId))
  )[0]?.label;

describe("a band renaming a batch of codes", () => {
  it("saves the trimmed label, and an empty one", async () => {
    const { shop, batch } = await batchOf(2);
    expect(
      await renameCodeBatch(db, { artistId: shop.artist.id, batchId: batch.id, label: "  Autumn tour  " }),
    ).toMatchObject({ ok: true, batch: { id: batch.id, label: "Autumn tour" } });
    expect((await listCodeBatches(db, shop.artist.id))[0].label).toBe("Autumn tour");
    expect(await renameCodeBatch(db, { artistId: shop.artist.id, batchId: batch.id, label: "   " })).toMatchObject({
      ok: true,
      batch: { label: "" },
    });
    expect(await labelOf(batch.id)).toBe("");
  });

  it("refuses a label over 120 characters or on several lines, keeping the old one", async () => {
    const { shop, batch } = await batchOf(1);
    expect(
      await renameCodeBatch(db, { artistId: shop.artist.id, batchId: batch.id, label: "x".repeat(120) }),
    ).toMatchObject({ ok: true });
    for (const label of ["x".repeat(121), "Spring\ntour", "tab\there", "nul\u0000"]) {
      expect(await renameCodeBatch(db, { artistId: shop.artist.id, batchId: batch.id, label })).toEqual({
        ok: false,
        error: "label",
      });
    }
    expect(await labelOf(batch.id)).toBe("x".repeat(120));
  });

  it("finds another band's batch, or a made-up id, not found and changes nothing", async () => {
    const { batch } = await batchOf(1);
    const other = await makeShop(db);
    expect(await renameCodeBatch(db, { artistId: other.artist.id, batchId: batch.id, label: "Mine now" })).toEqual({
      ok: false,
      error: "not_found",
    });
    expect(await renameCodeBatch(db, { artistId: other.artist.id, batchId: "not-a-uuid", label: "Mine now" })).toEqual({
      ok: false,
      error: "not_found",
    });
    expect(await labelOf(batch.id)).toBe("Spring tour");
  });
});

describe("a band deleting a batch of codes", () => {
  it("withdraws the unused codes at once, while the fan who redeemed one keeps the download", async () => {
    const { shop, batch, codes } = await batchOf(4);
    const redeemed = await redeemCode(db, {
      code: codes[0].code,
      email: "fan@example.test",
      subscribe: false,
      locale: "en",
      ip: ip(),
      artistId: shop.artist.id,
    });
    if (!redeemed.ok) throw new Error(redeemed.reason);
    expect(await countBatchCodes(db, batch.id)).toEqual({ unused: 3, redeemed: 1 });

    expect(
      await deleteCodeBatch(db, { artistId: shop.artist.id, batchId: batch.id, deletedBy: shop.owner.id }),
    ).toEqual({ ok: true, unused: 3, redeemed: 1 });

    expect(await getCodeBatch(db, shop.artist.id, batch.id)).toBeNull();
    expect(await listCodeBatches(db, shop.artist.id)).toEqual([]);
    expect(await db.select().from(downloadCodes).where(eq(downloadCodes.batchId, batch.id))).toEqual([]);
    // An unused card now reads like any code that never existed, on the band's page and the general one.
    expect(
      await redeemCode(db, {
        code: codes[1].code,
        email: "late@example.test",
        subscribe: false,
        locale: "en",
        ip: ip(),
        artistId: shop.artist.id,
      }),
    ).toEqual({ ok: false, reason: "unknown" });
    expect(
      await redeemCode(db, {
        code: codes[2].code,
        email: "late@example.test",
        subscribe: false,
        locale: "en",
        ip: ip(),
      }),
    ).toEqual({ ok: false, reason: "unknown" });

    const [order] = await db.select().from(orders).where(eq(orders.id, redeemed.orderId));
    expect(order).toMatchObject({ status: "paid", source: "code" });
    const token = redeemed.downloadUrl.split("/").pop()!;
    const grant = await findGrantByToken(db, token);
    expect(grant.found).toBe(true);
    const contents = grant.found ? await loadGrantContents(db, grant.grant.id) : null;
    expect(contents?.items.map((i) => i.releaseId)).toEqual([shop.album.id]);
    expect(await db.select().from(orders).where(eq(orders.artistId, shop.artist.id))).toHaveLength(1);
  });

  it("refuses another band's member and changes nothing", async () => {
    const { shop, batch } = await batchOf(3);
    const other = await makeShop(db);
    expect(
      await deleteCodeBatch(db, { artistId: other.artist.id, batchId: batch.id, deletedBy: other.owner.id }),
    ).toEqual({ ok: false, error: "not_found" });
    expect(
      await deleteCodeBatch(db, { artistId: other.artist.id, batchId: "../../etc", deletedBy: other.owner.id }),
    ).toEqual({ ok: false, error: "not_found" });
    expect(await getCodeBatch(db, shop.artist.id, batch.id)).toMatchObject({ id: batch.id, label: "Spring tour" });
    expect(await listBatchCodes(db, batch.id)).toHaveLength(3);
  });

  it("answers not found the second time", async () => {
    const { shop, batch } = await batchOf(1);
    expect(await deleteCodeBatch(db, { artistId: shop.artist.id, batchId: batch.id, deletedBy: null })).toEqual({
      ok: true,
      unused: 1,
      redeemed: 0,
    });
    expect(await deleteCodeBatch(db, { artistId: shop.artist.id, batchId: batch.id, deletedBy: null })).toEqual({
      ok: false,
      error: "not_found",
    });
  });
});
