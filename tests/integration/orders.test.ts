import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  cartItems,
  downloadGrantItems,
  downloadGrants,
  orderItems,
  orders,
  productOptions,
  products,
  stockReservations,
  subscribers,
} from "@/db/schema";
import {
  abandonCheckout,
  addToCart,
  cancelOrder,
  expireStaleOrders,
  findCart,
  fulfillOrder,
  loadPricedCart,
  orderBySession,
  recordRefundTotal,
  refundOrder,
  releaseOffers,
  setCartCountry,
  startCheckout,
} from "@/lib/orders";
import { useTestDb } from "@/tests/support/factories";
import { makeShop, queuedEmails } from "@/tests/support/orders";

const db = useTestDb();
const token = () => randomBytes(16).toString("base64url");

async function checkoutCart(
  shop: Awaited<ReturnType<typeof makeShop>>,
  items: Parameters<typeof addToCart>[1]["item"][],
  opts: { country?: string; email?: string | null } = {},
) {
  const t = token();
  for (const item of items) {
    const added = await addToCart(db, { token: t, artist: shop.artist, item });
    expect(added).toEqual({ ok: true });
  }
  if (opts.country) await setCartCountry(db, (await findCart(db, t, shop.artist.id))!, opts.country);
  return {
    token: t,
    result: await startCheckout(db, {
      token: t,
      artist: shop.artist,
      email: opts.email === undefined ? "fan@example.test" : opts.email,
      subscribe: true,
      locale: "en",
    }),
  };
}

describe("the cart prices everything from the database", () => {
  it("ignores an amount sent for a fixed price and refuses one below a pay-what-you-want minimum", async () => {
    const shop = await makeShop(db, { albumMode: "pay_what_you_want", albumMinimum: 500 });
    const t = token();
    expect(
      await addToCart(db, {
        token: t,
        artist: shop.artist,
        item: { kind: "release", id: shop.album.id, customAmount: 499 },
      }),
    ).toEqual({
      ok: false,
      error: "below_minimum",
      minimum: 500,
    });
    expect(
      await addToCart(db, {
        token: t,
        artist: shop.artist,
        item: { kind: "track", id: shop.tracks[0].id, customAmount: 1 },
      }),
    ).toEqual({ ok: true });
    expect(
      await addToCart(db, {
        token: t,
        artist: shop.artist,
        item: { kind: "release", id: shop.album.id, customAmount: 900 },
      }),
    ).toEqual({ ok: true });
    const priced = (await loadPricedCart(db, t, shop.artist))!;
    expect(priced.lines.map((l) => l.unitAmount)).toEqual([100, 900]);
    expect(priced.total).toBe(1000);

    // A line tampered with in the table (below the minimum) is caught when pricing, not trusted.
    await db.update(cartItems).set({ customAmount: 1 }).where(eq(cartItems.releaseId, shop.album.id));
    const tampered = (await loadPricedCart(db, t, shop.artist))!;
    expect(tampered.ready).toBe(false);
    expect(tampered.lines[1].problem).toBe("below_minimum");
    expect(
      await startCheckout(db, {
        token: t,
        artist: shop.artist,
        email: "fan@example.test",
        subscribe: false,
        locale: "en",
      }),
    ).toEqual({ ok: false, error: "not_ready" });
  });

  it("refuses another band's items, unpublished items and tracks not sold alone", async () => {
    const shop = await makeShop(db);
    const other = await makeShop(db);
    const t = token();
    expect(
      await addToCart(db, { token: t, artist: shop.artist, item: { kind: "release", id: other.album.id } }),
    ).toEqual({ ok: false, error: "not_found" });
    expect(await addToCart(db, { token: t, artist: shop.artist, item: { kind: "product", id: other.cd.id } })).toEqual({
      ok: false,
      error: "not_found",
    });
    expect(
      await addToCart(db, { token: t, artist: shop.artist, item: { kind: "track", id: shop.tracks[1].id } }),
    ).toEqual({ ok: false, error: "not_for_sale" });
    expect(
      await addToCart(db, { token: t, artist: shop.artist, item: { kind: "product", id: shop.shirt.id } }),
    ).toEqual({ ok: false, error: "option_required" });
    expect(
      await addToCart(db, {
        token: t,
        artist: shop.artist,
        item: { kind: "product", id: shop.shirt.id, optionId: other.sizes[0].id },
      }),
    ).toEqual({ ok: false, error: "option_required" });

    // Another band's product slipped straight into this cart's table is priced as unavailable.
    await addToCart(db, { token: t, artist: shop.artist, item: { kind: "release", id: shop.album.id } });
    const cart = (await findCart(db, t, shop.artist.id))!;
    await db.insert(cartItems).values({ cartId: cart.id, kind: "product", productId: other.cd.id, quantity: 1 });
    const priced = (await loadPricedCart(db, t, shop.artist))!;
    expect(priced.lines.find((l) => l.productId === other.cd.id)?.problem).toBe("unavailable");
    expect(priced.ready).toBe(false);
  });

  it("an empty cart cannot check out", async () => {
    const shop = await makeShop(db);
    expect(
      await startCheckout(db, {
        token: token(),
        artist: shop.artist,
        email: "a@b.test",
        subscribe: false,
        locale: "en",
      }),
    ).toEqual({ ok: false, error: "empty" });
  });

  it("physical items need a country the band ships to, and shipping follows the documented rule", async () => {
    const shop = await makeShop(db);
    const t = token();
    await addToCart(db, { token: t, artist: shop.artist, item: { kind: "product", id: shop.cd.id, quantity: 2 } });
    await addToCart(db, {
      token: t,
      artist: shop.artist,
      item: { kind: "product", id: shop.shirt.id, optionId: shop.sizes[1].id },
    });
    let priced = (await loadPricedCart(db, t, shop.artist))!;
    expect(priced.shipping).toEqual({ ok: false, reason: "no_country" });
    await setCartCountry(db, priced.cart, "US");
    priced = (await loadPricedCart(db, t, shop.artist))!;
    expect(priced.shipping).toEqual({ ok: false, reason: "no_zone" });
    expect(priced.ready).toBe(false);
    await setCartCountry(db, priced.cart, "DE");
    priced = (await loadPricedCart(db, t, shop.artist))!;
    expect(priced.shipping).toMatchObject({ ok: true, amount: 800 + 200 * 2 });
    expect(priced.total).toBe(2 * 1200 + 2000 + 1200);
  });
});

describe("stock", () => {
  it("200 fans checking out the last 10 CDs at once: exactly 10 orders, stock never below zero", async () => {
    const shop = await makeShop(db, { cdStock: 10 });
    const attempts = await Promise.all(
      Array.from({ length: 200 }, () =>
        checkoutCart(shop, [{ kind: "product", id: shop.cd.id }], { country: "FR" }).then((r) => r.result),
      ),
    );
    const opened = attempts.filter((r) => r.ok);
    expect(opened).toHaveLength(10);
    expect(attempts.filter((r) => !r.ok).every((r) => !r.ok && r.error === "out_of_stock")).toBe(true);
    const [cd] = await db.select().from(products).where(eq(products.id, shop.cd.id));
    expect(cd.stock).toBe(0);

    const paid = await Promise.all(
      opened.map((r) => r.ok && fulfillOrder(db, r.orderId, { paymentId: `pi_${r.orderId}` })),
    );
    expect(paid.filter((p) => p && p.outcome === "fulfilled")).toHaveLength(10);
    const held = await db.select().from(stockReservations).where(eq(stockReservations.productId, shop.cd.id));
    expect(held.every((r) => r.status === "committed")).toBe(true);
    expect((await db.select().from(products).where(eq(products.id, shop.cd.id)))[0].stock).toBe(0);
  });

  it("a declined or expired checkout puts the units back; a late decline after payment changes nothing", async () => {
    const shop = await makeShop(db, { cdStock: 3 });
    const first = await checkoutCart(shop, [{ kind: "product", id: shop.cd.id, quantity: 2 }], { country: "FR" });
    expect(first.result.ok).toBe(true);
    expect((await db.select().from(products).where(eq(products.id, shop.cd.id)))[0].stock).toBe(1);
    if (!first.result.ok) return;
    expect(await cancelOrder(db, first.result.orderId, "declined")).toEqual({ outcome: "canceled" });
    expect(await cancelOrder(db, first.result.orderId, "declined")).toEqual({ outcome: "not_pending" });
    expect((await db.select().from(products).where(eq(products.id, shop.cd.id)))[0].stock).toBe(3);

    const second = await checkoutCart(
      shop,
      [{ kind: "product", id: shop.shirt.id, optionId: shop.sizes[0].id, quantity: 2 }],
      { country: "FR" },
    );
    if (!second.result.ok) throw new Error("checkout failed");
    await db
      .update(orders)
      .set({ expiresAt: new Date(Date.now() - 3_600_000) })
      .where(eq(orders.id, second.result.orderId));
    expect(await expireStaleOrders(db)).toBeGreaterThanOrEqual(1);
    expect((await db.select().from(productOptions).where(eq(productOptions.id, shop.sizes[0].id)))[0].stock).toBe(2);
    expect(await fulfillOrder(db, second.result.orderId, { paymentId: "pi_late" })).toEqual({
      outcome: "not_payable",
      reason: "canceled",
    });
  });
});

describe("fulfilment", () => {
  it("a hundred concurrent confirmations make one paid order, one download grant and one receipt", async () => {
    const shop = await makeShop(db);
    const { result } = await checkoutCart(
      shop,
      [
        { kind: "release", id: shop.album.id },
        { kind: "product", id: shop.cd.id },
      ],
      { country: "FR" },
    );
    if (!result.ok) throw new Error(result.error);
    const outcomes = await Promise.all(
      Array.from({ length: 100 }, () => fulfillOrder(db, result.orderId, { paymentId: "pi_once" })),
    );
    expect(outcomes.filter((o) => o.outcome === "fulfilled")).toHaveLength(1);
    expect(outcomes.filter((o) => o.outcome === "already_paid")).toHaveLength(99);
    const grants = await db.select().from(downloadGrants).where(eq(downloadGrants.orderId, result.orderId));
    expect(grants).toHaveLength(1);
    // The album bought digitally and the album that comes with the CD are one grant item.
    expect(await db.select().from(downloadGrantItems).where(eq(downloadGrantItems.grantId, grants[0].id))).toEqual([
      expect.objectContaining({ releaseId: shop.album.id, trackId: null }),
    ]);
    expect(await queuedEmails(db, `receipt:${result.orderId}`)).toHaveLength(1);
    expect(await queuedEmails(db, `notice:${result.orderId}:${shop.owner.email}`)).toHaveLength(1);
    const [order] = await db.select().from(orders).where(eq(orders.id, result.orderId));
    expect(order).toMatchObject({
      status: "paid",
      total: 700 + 1200 + 400,
      shipping: 400,
      needsShipping: true,
      buyerCountry: "FR",
    });
    expect(
      await db
        .select()
        .from(subscribers)
        .where(and(eq(subscribers.artistId, shop.artist.id), eq(subscribers.email, "fan@example.test"))),
    ).toHaveLength(1);
    const [receipt] = await queuedEmails(db, `receipt:${result.orderId}`);
    expect(receipt.text).toContain("/download/");
    expect(receipt.text).toContain("€23.00");
  });

  it("a free cart skips payment and is fulfilled at once, but needs an email", async () => {
    const shop = await makeShop(db, { albumMode: "free" });
    const noEmail = await checkoutCart(shop, [{ kind: "release", id: shop.album.id }], { email: null });
    expect(noEmail.result).toEqual({ ok: false, error: "email_required" });
    const { result } = await checkoutCart(shop, [{ kind: "release", id: shop.album.id }]);
    if (!result.ok) throw new Error(result.error);
    expect(result.redirectUrl).toContain("/checkout/success?order=");
    const [order] = await db.select().from(orders).where(eq(orders.id, result.orderId));
    expect(order).toMatchObject({ status: "paid", provider: "free", total: 0, platformFee: 0 });
  });

  it("a paid order empties the cart it came from", async () => {
    const shop = await makeShop(db);
    const { token: t, result } = await checkoutCart(shop, [{ kind: "release", id: shop.album.id }]);
    if (!result.ok) throw new Error(result.error);
    expect((await loadPricedCart(db, t, shop.artist))!.lines).toHaveLength(1);
    await fulfillOrder(db, result.orderId, { paymentId: "pi_x" });
    expect((await loadPricedCart(db, t, shop.artist))!.lines).toHaveLength(0);
  });
});

describe("refunds", () => {
  it("a full refund marks the order, closes the downloads and returns unshipped stock; replays change nothing", async () => {
    const shop = await makeShop(db, { cdStock: 5 });
    const { result } = await checkoutCart(shop, [{ kind: "product", id: shop.cd.id, quantity: 2 }], { country: "FR" });
    if (!result.ok) throw new Error(result.error);
    await fulfillOrder(db, result.orderId, { paymentId: "pi_r" });
    const [paid] = await db.select().from(orders).where(eq(orders.id, result.orderId));

    expect(
      await refundOrder(db, {
        actor: { kind: "member" },
        artistId: shop.artist.id,
        orderId: result.orderId,
        amount: 0,
      }),
    ).toEqual({
      ok: false,
      error: "amount_invalid",
    });
    expect(
      await refundOrder(db, {
        actor: { kind: "member" },
        artistId: shop.artist.id,
        orderId: result.orderId,
        amount: paid.total + 1,
      }),
    ).toEqual({ ok: false, error: "amount_invalid" });
    const other = await makeShop(db);
    expect(
      await refundOrder(db, {
        actor: { kind: "member" },
        artistId: other.artist.id,
        orderId: result.orderId,
        amount: 100,
      }),
    ).toEqual({
      ok: false,
      error: "not_found",
    });

    expect(
      await refundOrder(db, {
        actor: { kind: "member" },
        artistId: shop.artist.id,
        orderId: result.orderId,
        amount: 500,
      }),
    ).toEqual({
      ok: true,
    });
    let [order] = await db.select().from(orders).where(eq(orders.id, result.orderId));
    expect(order).toMatchObject({ status: "partially_refunded", refundedAmount: 500 });
    expect(
      (await db.select().from(downloadGrants).where(eq(downloadGrants.orderId, result.orderId)))[0].revokedAt,
    ).toBeNull();

    expect(
      await refundOrder(db, {
        actor: { kind: "member" },
        artistId: shop.artist.id,
        orderId: result.orderId,
        amount: paid.total - 500,
      }),
    ).toEqual({ ok: true });
    [order] = await db.select().from(orders).where(eq(orders.id, result.orderId));
    expect(order).toMatchObject({ status: "refunded", refundedAmount: paid.total });
    expect(
      (await db.select().from(downloadGrants).where(eq(downloadGrants.orderId, result.orderId)))[0].revokedAt,
    ).not.toBeNull();
    expect((await db.select().from(products).where(eq(products.id, shop.cd.id)))[0].stock).toBe(5);

    // The provider's cumulative figure arriving again (or late, smaller) is ignored.
    expect(await recordRefundTotal(db, result.orderId, paid.total)).toEqual({ outcome: "unchanged" });
    expect(await recordRefundTotal(db, result.orderId, 100)).toEqual({ outcome: "unchanged" });
    expect((await db.select().from(products).where(eq(products.id, shop.cd.id)))[0].stock).toBe(5);
    expect(
      await refundOrder(db, {
        actor: { kind: "member" },
        artistId: shop.artist.id,
        orderId: result.orderId,
        amount: 1,
      }),
    ).toEqual({
      ok: false,
      error: "not_refundable",
    });
  });

  it("shipped units are not put back on sale", async () => {
    const shop = await makeShop(db, { cdStock: 5 });
    const { result } = await checkoutCart(shop, [{ kind: "product", id: shop.cd.id }], { country: "FR" });
    if (!result.ok) throw new Error(result.error);
    await fulfillOrder(db, result.orderId, { paymentId: "pi_s" });
    await db.update(orderItems).set({ shippedAt: new Date() }).where(eq(orderItems.orderId, result.orderId));
    const [paid] = await db.select().from(orders).where(eq(orders.id, result.orderId));
    await recordRefundTotal(db, result.orderId, paid.total);
    expect((await db.select().from(products).where(eq(products.id, shop.cd.id)))[0].stock).toBe(4);
  });
});

describe("what a release page offers", () => {
  it("lists the release's rule, only the tracks sold alone, and its own physical editions", async () => {
    const shop = await makeShop(db, { albumMode: "pay_what_you_want", albumMinimum: 0 });
    const other = await makeShop(db);
    const offers = await releaseOffers(db, shop.artist, shop.album);
    expect(offers.release).toMatchObject({
      rule: { mode: "pay_what_you_want", minimum: 0, suggested: 700 },
      freeToTake: true,
    });
    expect(offers.tracks.map((t) => t.title)).toEqual(["Song 1"]);
    expect(offers.products.map((p) => p.id)).toEqual([shop.cd.id]);
    expect(offers.products.map((p) => p.id)).not.toContain(other.cd.id);
    expect(offers.canTakePayments).toBe(true);
  });

  it("the free-download path refuses a cart that would cost something and creates nothing", async () => {
    const shop = await makeShop(db);
    const t = token();
    await addToCart(db, {
      token: t,
      artist: shop.artist,
      item: { kind: "release", id: shop.album.id, customAmount: 0 },
    });
    const before = await db.select().from(orders).where(eq(orders.artistId, shop.artist.id));
    expect(
      await startCheckout(db, {
        token: t,
        artist: shop.artist,
        email: "fan@example.test",
        subscribe: false,
        locale: "en",
        requireFree: true,
      }),
    ).toEqual({
      ok: false,
      error: "not_free",
    });
    expect(await db.select().from(orders).where(eq(orders.artistId, shop.artist.id))).toEqual(before);
  });

  it("finds an order by its payment session only with the right provider", async () => {
    const shop = await makeShop(db);
    const { result } = await checkoutCart(shop, [{ kind: "release", id: shop.album.id }]);
    if (!result.ok) throw new Error("checkout failed");
    const [order] = await db.select().from(orders).where(eq(orders.id, result.orderId));
    expect((await orderBySession(db, order.providerSessionId!, "test"))?.order.id).toBe(order.id);
    expect(await orderBySession(db, order.providerSessionId!, "stripe")).toBeNull();
    expect(await orderBySession(db, "test_' or 1=1 --", "test")).toBeNull();
  });
});

describe("a fan back from the payment page without paying", () => {
  it("puts the held units back at once, but only for an order of the fan's own cart", async () => {
    const shop = await makeShop(db, { cdStock: 3 });
    const { token: t, result } = await checkoutCart(shop, [{ kind: "product", id: shop.cd.id }], { country: "FR" });
    if (!result.ok) throw new Error("checkout failed");
    const stock = async () =>
      (await db.select({ stock: products.stock }).from(products).where(eq(products.id, shop.cd.id)))[0].stock;
    expect(await stock()).toBe(2);

    const stranger = await makeShop(db);
    const strangerToken = token();
    await addToCart(db, {
      token: strangerToken,
      artist: stranger.artist,
      item: { kind: "release", id: stranger.album.id },
    });
    const strangerCart = (await findCart(db, strangerToken, stranger.artist.id))!;
    expect(await abandonCheckout(db, strangerCart, result.orderId)).toBe(false);
    expect(await abandonCheckout(db, strangerCart, "not-a-uuid")).toBe(false);
    expect(await stock()).toBe(2);

    const cart = (await findCart(db, t, shop.artist.id))!;
    expect(await abandonCheckout(db, cart, result.orderId)).toBe(true);
    expect(await stock()).toBe(3);
    expect(await abandonCheckout(db, cart, result.orderId)).toBe(false);
    const [order] = await db.select().from(orders).where(eq(orders.id, result.orderId));
    expect(order.status).toBe("canceled");
  });
});

describe("where a sale came from", () => {
  it("credits the last embedding site an item was added from, and keeps it when the fan adds more on the band's page", async () => {
    const shop = await makeShop(db);
    const t = token();
    await addToCart(db, { token: t, artist: shop.artist, item: { kind: "track", id: shop.tracks[0].id } });
    expect(await findCart(db, t, shop.artist.id)).toMatchObject({ source: "shop", sourceHost: null });
    await addToCart(db, {
      token: t,
      artist: shop.artist,
      item: { kind: "release", id: shop.album.id },
      source: { source: "embed", sourceHost: "blog.example" },
    });
    expect(await findCart(db, t, shop.artist.id)).toMatchObject({ source: "embed", sourceHost: "blog.example" });
    await addToCart(db, { token: t, artist: shop.artist, item: { kind: "product", id: shop.cd.id } });
    expect(await findCart(db, t, shop.artist.id)).toMatchObject({ source: "embed", sourceHost: "blog.example" });
  });
});
