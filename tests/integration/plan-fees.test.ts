import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { downloadCodeBatches, downloadCodes, orders } from "@/db/schema";
import { addToCart, findCart, fulfillOrder, redeemCode, setCartCountry, startCheckout } from "@/lib/orders";
import { useTestDb } from "@/tests/support/factories";
import { makeShop } from "@/tests/support/orders";
import { setPlan } from "@/tests/support/plans";

const db = useTestDb();
type Shop = Awaited<ReturnType<typeof makeShop>>;

/** A fan in France starts paying for the album (€7, French VAT included) with test payments: the order is created, not yet paid. */
async function startBuying(shop: Shop) {
  const token = randomBytes(16).toString("base64url");
  await addToCart(db, { token, artist: shop.artist, item: { kind: "release", id: shop.album.id } });
  await setCartCountry(db, (await findCart(db, token, shop.artist.id))!, "FR");
  const started = await startCheckout(db, {
    token,
    artist: shop.artist,
    email: "fan@example.com",
    subscribe: false,
    locale: "en",
  });
  if (!started.ok) throw new Error(started.error);
  return started.orderId;
}

const order = async (id: string) => (await db.select().from(orders).where(eq(orders.id, id)))[0];

describe("the platform fee follows the band's plan at sale time", () => {
  it("a Free band's order records the Free rate (10 %), a Pro band's 0 %", async () => {
    const free = await makeShop(db);
    const pro = await makeShop(db);
    await setPlan(db, pro.artist.id, "pro");
    const freeOrder = await order(await startBuying(free));
    const proOrder = await order(await startBuying(pro));
    // The fee is on the sale net of the French VAT the price includes: 10 % of (7.00 − 1.17).
    expect(freeOrder).toMatchObject({ total: 700, tax: 117, plan: "free", feeBasisPoints: 1000, platformFee: 58 });
    expect(proOrder).toMatchObject({ total: 700, plan: "pro", feeBasisPoints: 0, platformFee: 0 });
  });

  it("an order created before a plan change keeps its fee when it is paid later", async () => {
    const shop = await makeShop(db);
    const id = await startBuying(shop);
    await setPlan(db, shop.artist.id, "pro");
    await fulfillOrder(db, id, { paymentId: `test_pay_${id}` });
    expect(await order(id)).toMatchObject({ status: "paid", plan: "free", feeBasisPoints: 1000, platformFee: 58 });
    // The next sale is at the new plan's rate.
    expect(await order(await startBuying(shop))).toMatchObject({ plan: "pro", feeBasisPoints: 0, platformFee: 0 });
  });

  it("a download code's order records the band's plan too (no fee on nothing)", async () => {
    const shop = await makeShop(db);
    await setPlan(db, shop.artist.id, "pro");
    const [batch] = await db
      .insert(downloadCodeBatches)
      .values({ artistId: shop.artist.id, releaseId: shop.album.id, label: "Gig", count: 1 })
      .returning();
    const code = `PLAN${randomBytes(4).toString("hex").toUpperCase()}`;
    await db
      .insert(downloadCodes)
      .values({ batchId: batch.id, artistId: shop.artist.id, releaseId: shop.album.id, code });
    const redeemed = await redeemCode(db, {
      code,
      email: "fan@example.com",
      subscribe: false,
      locale: "en",
      ip: "203.0.113.9",
    });
    expect(redeemed).toMatchObject({ ok: true });
    const [row] = await db.select().from(orders).where(eq(orders.artistId, shop.artist.id));
    expect(row).toMatchObject({ provider: "code", plan: "pro", feeBasisPoints: 0, platformFee: 0 });
  });
});
