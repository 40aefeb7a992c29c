import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { downloadCodes, downloadGrants, orderItems, orders, subscribers } from "@/db/schema";
import {
  codesCsv,
  createCodeBatch,
  formatCode,
  getCodeBatch,
  listBatchCodes,
  listCodeBatches,
  redeemUrl,
} from "@/lib/codes";
import { redeemCode } from "@/lib/orders";
import { reset } from "@/lib/rate-limit";
import { unique, useTestDb } from "@/tests/support/factories";
import { makeShop, queuedEmails } from "@/tests/support/orders";

const db = useTestDb();
const ip = () => unique("10.0.0");

async function batchOf(count: number) {
  const shop = await makeShop(db);
  const made = await createCodeBatch(db, {
    artistId: shop.artist.id,
    releaseId: shop.album.id,
    count,
    createdBy: shop.owner.id,
  });
  if (!made.ok) throw new Error(made.error);
  const codes = await listBatchCodes(db, made.batch.id);
  return { shop, batch: made.batch, codes };
}

describe("a band's batch of download codes", () => {
  it("makes 10 000 distinct, unambiguous codes in seconds", async () => {
    const shop = await makeShop(db);
    const started = performance.now();
    const made = await createCodeBatch(db, {
      artistId: shop.artist.id,
      releaseId: shop.album.id,
      count: 10_000,
      createdBy: shop.owner.id,
    });
    const ms = performance.now() - started;
    console.log(`[codes] batch of 10 000 codes created in ${Math.round(ms)} ms`);
    expect(made.ok).toBe(true);
    const codes = await listBatchCodes(db, made.ok ? made.batch.id : "");
    expect(codes).toHaveLength(10_000);
    expect(new Set(codes.map((c) => c.code)).size).toBe(10_000);
    expect(codes.every((c) => /^[A-HJ-NP-Z2-9]{10}$/.test(c.code))).toBe(true);
  });

  it("refuses a count outside 1–10 000 and another band's release, writing nothing", async () => {
    const shop = await makeShop(db);
    const other = await makeShop(db);
    for (const count of [0, 10_001, 2.5]) {
      expect(
        await createCodeBatch(db, { artistId: shop.artist.id, releaseId: shop.album.id, count, createdBy: null }),
      ).toEqual({ ok: false, error: "count" });
    }
    expect(
      await createCodeBatch(db, { artistId: shop.artist.id, releaseId: other.album.id, count: 5, createdBy: null }),
    ).toEqual({ ok: false, error: "release" });
    expect(await listCodeBatches(db, shop.artist.id)).toEqual([]);
  });

  it("lists batches with their redeemed counts, hides them from other bands, and exports them as CSV", async () => {
    const { shop, batch, codes } = await batchOf(3);
    const other = await makeShop(db);
    await redeemCode(db, { code: codes[1].code, email: "Fan@Example.test", subscribe: false, locale: "en", ip: ip() });
    const [summary] = await listCodeBatches(db, shop.artist.id);
    expect(summary).toMatchObject({ id: batch.id, count: 3, redeemed: 1, releaseTitle: "Test Album" });
    expect(await getCodeBatch(db, other.artist.id, batch.id)).toBeNull();
    expect(await listCodeBatches(db, other.artist.id)).toEqual([]);

    const rows = await listBatchCodes(db, batch.id);
    const csv = codesCsv(rows, (code) => redeemUrl("http://shop.test", shop.artist.slug, code));
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe("code,redeem_url,redeemed_at,redeemed_by");
    expect(lines).toHaveLength(4);
    const redeemed = lines.find((l) => l.includes(formatCode(codes[1].code)))!;
    expect(redeemed).toMatch(
      new RegExp(
        `^"${formatCode(codes[1].code)}","http://shop.test/${shop.artist.slug}/redeem\\?code=${formatCode(codes[1].code)}","\\d{4}-\\d\\d-\\d\\dT[^"]+Z","fan@example.test"$`,
      ),
    );
    expect(lines.filter((l) => l.endsWith(',"",""'))).toHaveLength(2);
  });
});

describe("a fan redeeming a code", () => {
  it("gets the release like a purchase: a paid 'code' order of nothing, a download, a receipt, a subscription", async () => {
    const { shop, codes } = await batchOf(2);
    const typed = formatCode(codes[0].code).toLowerCase();
    const result = await redeemCode(db, {
      code: ` ${typed} `,
      email: "fan@example.test",
      subscribe: true,
      locale: "fr",
      ip: ip(),
      artistId: shop.artist.id,
    });
    expect(result).toMatchObject({ ok: true, releaseTitle: "Test Album" });
    if (!result.ok) return;
    expect(result.downloadUrl).toMatch(/\/download\/[\w-]+$/);
    const [order] = await db.select().from(orders).where(eq(orders.id, result.orderId));
    expect(order).toMatchObject({
      status: "paid",
      provider: "code",
      source: "code",
      total: 0,
      email: "fan@example.test",
      artistId: shop.artist.id,
    });
    expect(await db.select().from(orderItems).where(eq(orderItems.orderId, order.id))).toMatchObject([
      { kind: "release", releaseId: shop.album.id, unitAmount: 0 },
    ]);
    expect(await db.select().from(downloadGrants).where(eq(downloadGrants.orderId, order.id))).toHaveLength(1);
    expect(await queuedEmails(db, `receipt:${order.id}`)).toHaveLength(1);
    expect(await db.select().from(subscribers).where(eq(subscribers.artistId, shop.artist.id))).toMatchObject([
      { email: "fan@example.test" },
    ]);
    const [row] = await db
      .select()
      .from(downloadCodes)
      .where(
        eq(
          downloadCodes.id,
          (await db.select().from(downloadCodes).where(eq(downloadCodes.code, codes[0].code)))[0].id,
        ),
      );
    expect(row).toMatchObject({ orderId: order.id, redeemedEmail: "fan@example.test" });
    expect(row.redeemedAt).toBeInstanceOf(Date);

    expect(
      await redeemCode(db, {
        code: codes[0].code,
        email: "other@example.test",
        subscribe: false,
        locale: "en",
        ip: ip(),
      }),
    ).toEqual({ ok: false, reason: "used" });
  });

  it("works once under 50 simultaneous attempts: one order, one download", async () => {
    const { shop, codes } = await batchOf(1);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        redeemCode(db, {
          code: codes[0].code,
          email: `fan${i}@example.test`,
          subscribe: false,
          locale: "en",
          ip: ip(),
          artistId: shop.artist.id,
        }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === "used")).toHaveLength(49);
    const bandOrders = await db.select().from(orders).where(eq(orders.artistId, shop.artist.id));
    expect(bandOrders).toHaveLength(1);
    expect(await db.select().from(downloadGrants).where(eq(downloadGrants.artistId, shop.artist.id))).toHaveLength(1);
  });

  it("finds another band's code unknown on this band's page, but the general page takes any band's", async () => {
    const { codes } = await batchOf(1);
    const other = await makeShop(db);
    expect(
      await redeemCode(db, {
        code: codes[0].code,
        email: "fan@example.test",
        subscribe: false,
        locale: "en",
        ip: ip(),
        artistId: other.artist.id,
      }),
    ).toEqual({
      ok: false,
      reason: "unknown",
    });
    expect(await db.select().from(orders).where(eq(orders.artistId, other.artist.id))).toEqual([]);
    expect(
      (
        await redeemCode(db, {
          code: codes[0].code,
          email: "fan@example.test",
          subscribe: false,
          locale: "en",
          ip: ip(),
        })
      ).ok,
    ).toBe(true);
  });

  it("stops a guesser after ten wrong codes from one address, saying how long to wait", async () => {
    const { codes } = await batchOf(1);
    const address = ip();
    await reset(db, `redeem:ip:${address}`);
    for (let i = 0; i < 10; i++) {
      expect(
        await redeemCode(db, {
          code: `WRONG${i}CODE`,
          email: "g@example.test",
          subscribe: false,
          locale: "en",
          ip: address,
        }),
      ).toEqual({ ok: false, reason: "unknown" });
    }
    const blocked = await redeemCode(db, {
      code: codes[0].code,
      email: "g@example.test",
      subscribe: false,
      locale: "en",
      ip: address,
    });
    expect(blocked).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(!blocked.ok && blocked.reason === "rate_limited" && blocked.retryAfterSeconds).toBeGreaterThan(800);
    // The good code was not spent by the refused attempt; another address still redeems it.
    expect(
      (await redeemCode(db, { code: codes[0].code, email: "f@example.test", subscribe: false, locale: "en", ip: ip() }))
        .ok,
    ).toBe(true);
  });

  it("lets at most ten of 40 simultaneous guesses from one address look a code up", async () => {
    const { codes } = await batchOf(1);
    const address = ip();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        redeemCode(db, {
          code: `GUESS${String(i).padStart(2, "0")}ABC`,
          email: "g@example.test",
          subscribe: false,
          locale: "en",
          ip: address,
        }),
      ),
    );
    expect(results.filter((r) => !r.ok && r.reason === "unknown").length).toBeLessThanOrEqual(10);
    expect(results.filter((r) => !r.ok && r.reason === "rate_limited").length).toBeGreaterThanOrEqual(30);
    expect(
      await redeemCode(db, {
        code: codes[0].code,
        email: "g@example.test",
        subscribe: false,
        locale: "en",
        ip: address,
      }),
    ).toMatchObject({ ok: false, reason: "rate_limited" });
  });

  it("does not count codes that worked: a fan with a stack of cards redeems them all", async () => {
    const { codes } = await batchOf(12);
    const address = ip();
    for (const { code } of codes) {
      expect(
        (await redeemCode(db, { code, email: "stack@example.test", subscribe: false, locale: "en", ip: address })).ok,
      ).toBe(true);
    }
  });
});
