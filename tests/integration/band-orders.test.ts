import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { countOrdersToShip, getOrderForArtist, listOrdersForArtist, ORDERS_PAGE_SIZE } from "@/db/queries/orders";
import { orderItems, orders, products } from "@/db/schema";
import {
  addToCart,
  findCart,
  fulfillOrder,
  refundOrder,
  setCartCountry,
  startCheckout,
  type AddItem,
} from "@/lib/orders";
import { useTestDb } from "@/tests/support/factories";
import { makeShop } from "@/tests/support/orders";

const db = useTestDb();
type Shop = Awaited<ReturnType<typeof makeShop>>;

/** A fan's order paid through the test provider, as the checkout leaves it. */
async function paidOrder(shop: Shop, items: AddItem[], country = "FR") {
  const token = randomBytes(16).toString("base64url");
  for (const item of items) expect(await addToCart(db, { token, artist: shop.artist, item })).toEqual({ ok: true });
  await setCartCountry(db, (await findCart(db, token, shop.artist.id))!, country);
  const started = await startCheckout(db, {
    token,
    artist: shop.artist,
    email: "fan@example.test",
    subscribe: false,
    locale: "en",
  });
  if (!started.ok) throw new Error(started.error);
  expect(await fulfillOrder(db, started.orderId, { paymentId: `test_pay_${started.orderId}` })).toMatchObject({
    outcome: "fulfilled",
  });
  return started.orderId;
}

describe("the band's orders", () => {
  it("lists paid orders newest first, flags those with something to post, and filters them", async () => {
    const shop = await makeShop(db);
    const other = await makeShop(db);
    const download = await paidOrder(shop, [{ kind: "release", id: shop.album.id }]);
    const cd = await paidOrder(shop, [{ kind: "product", id: shop.cd.id, quantity: 2 }]);
    await paidOrder(other, [{ kind: "product", id: other.cd.id }]);
    // A checkout never paid is not an order the band looks at.
    const token = randomBytes(16).toString("base64url");
    await addToCart(db, { token, artist: shop.artist, item: { kind: "release", id: shop.album.id } });
    await startCheckout(db, { token, artist: shop.artist, email: "late@example.test", subscribe: false, locale: "en" });

    const all = await listOrdersForArtist(db, shop.artist.id);
    expect(all.orders.map((o) => [o.id, o.toShip])).toEqual([
      [cd, true],
      [download, false],
    ]);
    expect(all).toMatchObject({ total: 2, page: 1, pages: 1 });
    expect(all.orders[0].items).toEqual([
      expect.objectContaining({ kind: "product", title: "Test Album CD", quantity: 2 }),
    ]);

    expect((await listOrdersForArtist(db, shop.artist.id, { onlyToShip: true })).orders.map((o) => o.id)).toEqual([cd]);
    expect(await countOrdersToShip(db, shop.artist.id)).toBe(1);

    // Posted: no longer to ship.
    await db.update(orderItems).set({ shippedAt: new Date() }).where(eq(orderItems.orderId, cd));
    expect((await listOrdersForArtist(db, shop.artist.id, { onlyToShip: true })).orders).toEqual([]);
    expect(await countOrdersToShip(db, shop.artist.id)).toBe(0);
  });

  it("another band's order id is simply not found", async () => {
    const shop = await makeShop(db);
    const other = await makeShop(db);
    const theirs = await paidOrder(other, [{ kind: "release", id: other.album.id }]);
    expect(await getOrderForArtist(db, shop.artist.id, theirs)).toBeNull();
    expect(await getOrderForArtist(db, shop.artist.id, "not-an-id")).toBeNull();
    expect(await getOrderForArtist(db, other.artist.id, theirs)).toMatchObject({
      id: theirs,
      status: "paid",
      provider: "test",
    });
  });

  it("pages through many orders, 25 at a time", async () => {
    const shop = await makeShop(db);
    const base = Date.now() - 86_400_000;
    await db.insert(orders).values(
      Array.from({ length: ORDERS_PAGE_SIZE + 3 }, (_, i) => ({
        artistId: shop.artist.id,
        status: "paid" as const,
        email: `fan${i}@example.test`,
        currency: "EUR",
        subtotal: 700,
        total: 700,
        provider: "test" as const,
        expiresAt: new Date(base),
        createdAt: new Date(base + i * 1000),
      })),
    );
    const first = await listOrdersForArtist(db, shop.artist.id);
    const second = await listOrdersForArtist(db, shop.artist.id, { page: 2 });
    expect(first).toMatchObject({ total: ORDERS_PAGE_SIZE + 3, pages: 2 });
    expect(first.orders).toHaveLength(ORDERS_PAGE_SIZE);
    expect(first.orders[0].email).toBe(`fan${ORDERS_PAGE_SIZE + 2}@example.test`);
    expect(second.orders.map((o) => o.email)).toEqual(["fan2@example.test", "fan1@example.test", "fan0@example.test"]);
  });
});

describe("a band refunds an order through the test provider", () => {
  it("refuses more than was paid, takes a partial refund, then the rest; a full refund ships nothing", async () => {
    const shop = await makeShop(db, { cdStock: 5 });
    const orderId = await paidOrder(shop, [{ kind: "product", id: shop.cd.id }]);
    const paid = (await getOrderForArtist(db, shop.artist.id, orderId))!;
    expect(paid).toMatchObject({ total: 1200 + 400, toShip: true });

    expect(
      await refundOrder(db, { actor: { kind: "member" }, artistId: shop.artist.id, orderId, amount: paid.total + 1 }),
    ).toEqual({
      ok: false,
      error: "amount_invalid",
    });
    expect(
      await refundOrder(db, { actor: { kind: "member" }, artistId: shop.artist.id, orderId, amount: -100 }),
    ).toEqual({
      ok: false,
      error: "amount_invalid",
    });
    const other = await makeShop(db);
    expect(
      await refundOrder(db, { actor: { kind: "member" }, artistId: other.artist.id, orderId, amount: 100 }),
    ).toEqual({
      ok: false,
      error: "not_found",
    });
    expect(await getOrderForArtist(db, shop.artist.id, orderId)).toMatchObject({ status: "paid", refundedAmount: 0 });

    expect(
      await refundOrder(db, { actor: { kind: "member" }, artistId: shop.artist.id, orderId, amount: 400 }),
    ).toEqual({ ok: true });
    expect(await getOrderForArtist(db, shop.artist.id, orderId)).toMatchObject({
      status: "partially_refunded",
      refundedAmount: 400,
      toShip: true,
    });
    // What is left is the most that can still go back.
    expect(
      await refundOrder(db, { actor: { kind: "member" }, artistId: shop.artist.id, orderId, amount: 1201 }),
    ).toEqual({
      ok: false,
      error: "amount_invalid",
    });

    expect(
      await refundOrder(db, { actor: { kind: "member" }, artistId: shop.artist.id, orderId, amount: 1200 }),
    ).toEqual({ ok: true });
    expect(await getOrderForArtist(db, shop.artist.id, orderId)).toMatchObject({
      status: "refunded",
      refundedAmount: 1600,
      toShip: false,
    });
    expect(await countOrdersToShip(db, shop.artist.id)).toBe(0);
    expect((await db.select().from(products).where(eq(products.id, shop.cd.id)))[0].stock).toBe(5);
    expect(await refundOrder(db, { actor: { kind: "member" }, artistId: shop.artist.id, orderId, amount: 1 })).toEqual({
      ok: false,
      error: "not_refundable",
    });
  });

  it("a free download has nothing to refund", async () => {
    const shop = await makeShop(db, { albumMode: "free" });
    const token = randomBytes(16).toString("base64url");
    await addToCart(db, { token, artist: shop.artist, item: { kind: "release", id: shop.album.id } });
    const started = await startCheckout(db, {
      token,
      artist: shop.artist,
      email: "fan@example.test",
      subscribe: false,
      locale: "en",
    });
    if (!started.ok) throw new Error(started.error);
    const [order] = await db.select().from(orders).where(eq(orders.id, started.orderId));
    expect(order).toMatchObject({ provider: "free", total: 0 });
    expect(
      await refundOrder(db, { actor: { kind: "member" }, artistId: shop.artist.id, orderId: order.id, amount: 1 }),
    ).toEqual({
      ok: false,
      error: "not_refundable",
    });
  });
});
