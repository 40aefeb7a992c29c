import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { carts, discountCodes, orders, type DiscountCode } from "@/db/schema";
import {
  createDiscountCode,
  deleteDiscountCode,
  getDiscountCodeById,
  parseDiscountForm,
  updateDiscountCode,
  type DiscountInput,
} from "@/lib/discounts";
import {
  addToCart,
  applyDiscountToCart,
  cancelOrder,
  expireStaleOrders,
  findCart,
  fulfillOrder,
  loadPricedCart,
  setCartCountry,
  startCheckout,
  type AddItem,
} from "@/lib/orders";
import { useTestDb } from "@/tests/support/factories";
import { makeShop, queuedEmails } from "@/tests/support/orders";

const db = useTestDb();
type Shop = Awaited<ReturnType<typeof makeShop>>;

const base: DiscountInput = {
  code: "",
  kind: "percent",
  amount: 10,
  currency: null,
  scope: "all",
  itemKind: null,
  itemId: null,
  expiresAt: null,
  usageLimit: null,
  active: true,
};
async function code(shop: Shop, over: Partial<DiscountInput> = {}): Promise<DiscountCode> {
  const row = await createDiscountCode(db, shop.artist.id, {
    ...base,
    code: `C${randomBytes(4).toString("hex").toUpperCase()}`,
    ...over,
  });
  return row!;
}

async function cartWith(shop: Shop, items: AddItem[], country = "FR") {
  const token = randomBytes(16).toString("base64url");
  for (const item of items) expect(await addToCart(db, { token, artist: shop.artist, item })).toEqual({ ok: true });
  const cart = (await findCart(db, token, shop.artist.id))!;
  await setCartCountry(db, cart, country);
  return { token, cart: (await findCart(db, token, shop.artist.id))! };
}
const checkout = (shop: Shop, token: string) =>
  startCheckout(db, { token, artist: shop.artist, email: "fan@example.test", subscribe: false, locale: "en" });

describe("a discount code in the cart", () => {
  it("takes its share off the eligible lines only, never shipping, and the order keeps it through payment", async () => {
    const shop = await makeShop(db);
    const discount = await code(shop, { amount: 25, scope: "physical" });
    const { token, cart } = await cartWith(shop, [
      { kind: "release", id: shop.album.id },
      { kind: "product", id: shop.cd.id, quantity: 2 },
    ]);
    expect(await applyDiscountToCart(db, cart, shop.artist, ` ${discount.code.toLowerCase()} `)).toEqual({
      ok: true,
      amount: 600,
    });
    const priced = (await loadPricedCart(db, token, shop.artist))!;
    // Album 7 + CDs 24 − 25% of 24 + shipping 4 + 1 (untouched).
    expect(priced.shipping).toMatchObject({ ok: true, amount: 500 });
    expect(priced).toMatchObject({ subtotal: 3100, discount: 600, total: 3100 - 600 + 500 });

    const started = await checkout(shop, token);
    if (!started.ok) throw new Error(started.error);
    const [order] = await db.select().from(orders).where(eq(orders.id, started.orderId));
    expect(order).toMatchObject({
      subtotal: 3100,
      discount: 600,
      shipping: 500,
      total: 3000,
      discountCodeId: discount.id,
    });
    await fulfillOrder(db, order.id, { paymentId: "pi_disc" });
    await fulfillOrder(db, order.id, { paymentId: "pi_disc" });
    expect((await getDiscountCodeById(db, shop.artist.id, discount.id))!.usedCount).toBe(1);
    // The fan's receipt shows the discount line and the discounted total.
    const [receipt] = await queuedEmails(db, `receipt:${order.id}`);
    expect(receipt.text).toMatch(/Discount\s+−€6\.00/);
    expect(receipt.text).toMatch(/Total\s+€30\.00/);
  });

  it("refuses unknown, another band's, inactive, expired, used-up, wrong-currency and not-applicable codes, keeping nothing", async () => {
    const shop = await makeShop(db);
    const other = await makeShop(db);
    const { token, cart } = await cartWith(shop, [{ kind: "release", id: shop.album.id }]);
    const apply = (text: string) => applyDiscountToCart(db, cart, shop.artist, text);
    expect(await apply("NOPE")).toEqual({ ok: false, reason: "unknown" });
    expect(await apply((await code(other)).code)).toEqual({ ok: false, reason: "unknown" });
    expect(await apply((await code(shop, { active: false })).code)).toEqual({ ok: false, reason: "inactive" });
    expect(await apply((await code(shop, { expiresAt: new Date(Date.now() - 1000) })).code)).toEqual({
      ok: false,
      reason: "expired",
    });
    const spent = await code(shop, { usageLimit: 1 });
    await db.update(discountCodes).set({ usedCount: 1 }).where(eq(discountCodes.id, spent.id));
    expect(await apply(spent.code)).toEqual({ ok: false, reason: "used_up" });
    expect(await apply((await code(shop, { kind: "fixed", amount: 300, currency: "USD" })).code)).toEqual({
      ok: false,
      reason: "wrong_currency",
    });
    expect(await apply((await code(shop, { scope: "item", itemKind: "product", itemId: shop.cd.id })).code)).toEqual({
      ok: false,
      reason: "not_applicable",
    });
    expect(await apply((await code(shop, { scope: "physical" })).code)).toEqual({
      ok: false,
      reason: "not_applicable",
    });
    expect((await findCart(db, token, shop.artist.id))!.discountCodeId).toBeNull();
    expect((await loadPricedCart(db, token, shop.artist))!.total).toBe(700);
  });

  it("applies an item code to that item only, and a fixed amount up to the item's price", async () => {
    const shop = await makeShop(db);
    const trackCode = await code(shop, {
      kind: "fixed",
      amount: 5000,
      currency: "EUR",
      scope: "item",
      itemKind: "track",
      itemId: shop.tracks[0].id,
    });
    const { token, cart } = await cartWith(shop, [
      { kind: "release", id: shop.album.id },
      { kind: "track", id: shop.tracks[0].id },
    ]);
    expect(await applyDiscountToCart(db, cart, shop.artist, trackCode.code)).toEqual({ ok: true, amount: 100 });
    expect((await loadPricedCart(db, token, shop.artist))!).toMatchObject({ discount: 100, total: 700 });
  });

  it("a code switched off after it was applied stops counting, and checkout says so instead of charging more than shown", async () => {
    const shop = await makeShop(db);
    const discount = await code(shop, { amount: 50 });
    const { token, cart } = await cartWith(shop, [{ kind: "release", id: shop.album.id }]);
    await applyDiscountToCart(db, cart, shop.artist, discount.code);
    expect((await loadPricedCart(db, token, shop.artist))!.total).toBe(350);
    await updateDiscountCode(db, shop.artist.id, discount.id, { active: false });
    const priced = (await loadPricedCart(db, token, shop.artist))!;
    expect(priced).toMatchObject({
      discount: 0,
      total: 700,
      discountCode: { check: { ok: false, reason: "inactive" } },
    });
    expect(await checkout(shop, token)).toEqual({ ok: false, error: "discount_invalid" });
    expect(await db.select().from(orders).where(eq(orders.artistId, shop.artist.id))).toEqual([]);
    expect((await db.select().from(carts).where(eq(carts.id, cart.id)))[0].discountCodeId).toBeNull();
    expect((await checkout(shop, token)).ok).toBe(true);
  });

  it("a 100% code makes the cart free: fulfilled at once, the use counted", async () => {
    const shop = await makeShop(db);
    const discount = await code(shop, { amount: 100, usageLimit: 5 });
    const { token, cart } = await cartWith(shop, [{ kind: "release", id: shop.album.id }]);
    await applyDiscountToCart(db, cart, shop.artist, discount.code);
    const started = await checkout(shop, token);
    if (!started.ok) throw new Error(started.error);
    const [order] = await db.select().from(orders).where(eq(orders.id, started.orderId));
    expect(order).toMatchObject({ status: "paid", total: 0, discount: 700, provider: "free" });
    expect((await getDiscountCodeById(db, shop.artist.id, discount.id))!.usedCount).toBe(1);
  });

  it("six fans checking out at once with a two-use code: at most two orders get it, the others are told and keep their cart", async () => {
    const shop = await makeShop(db);
    const discount = await code(shop, { amount: 10, usageLimit: 2 });
    const fans = await Promise.all(
      [0, 1, 2, 3, 4, 5].map(() => cartWith(shop, [{ kind: "release", id: shop.album.id }])),
    );
    for (const fan of fans) expect((await applyDiscountToCart(db, fan.cart, shop.artist, discount.code)).ok).toBe(true);
    const started = await Promise.all(fans.map((fan) => checkout(shop, fan.token)));
    const winners = started.filter((s) => s.ok);
    expect(winners).toHaveLength(2);
    for (const lost of started.filter((s) => !s.ok))
      expect(["discount_used_up", "discount_invalid"]).toContain(lost.error);
    const withCode = await db.select().from(orders).where(eq(orders.discountCodeId, discount.id));
    expect(withCode).toHaveLength(2);
    expect((await getDiscountCodeById(db, shop.artist.id, discount.id))!.usedCount).toBe(2);
    // Paying does not count the use a second time; the losers' carts lost the code and check out at full price.
    for (const order of withCode)
      expect((await fulfillOrder(db, order.id, { paymentId: `pi_${order.id}` })).outcome).toBe("fulfilled");
    expect((await getDiscountCodeById(db, shop.artist.id, discount.id))!.usedCount).toBe(2);
    const loser = fans[started.findIndex((s) => !s.ok)];
    expect((await findCart(db, loser.token, shop.artist.id))!.discountCodeId).toBeNull();
    expect((await loadPricedCart(db, loser.token, shop.artist))!.total).toBe(700);
  });

  it("a one-use 100% code tried by six fans at once gives exactly one free order", async () => {
    const shop = await makeShop(db);
    const discount = await code(shop, { amount: 100, usageLimit: 1 });
    const fans = await Promise.all(
      [0, 1, 2, 3, 4, 5].map(() => cartWith(shop, [{ kind: "release", id: shop.album.id }])),
    );
    for (const fan of fans) expect((await applyDiscountToCart(db, fan.cart, shop.artist, discount.code)).ok).toBe(true);
    const started = await Promise.all(fans.map((fan) => checkout(shop, fan.token)));
    expect(started.filter((s) => s.ok)).toHaveLength(1);
    const made = await db.select().from(orders).where(eq(orders.artistId, shop.artist.id));
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ status: "paid", total: 0, provider: "free", discountCodeId: discount.id });
    expect((await getDiscountCodeById(db, shop.artist.id, discount.id))!.usedCount).toBe(1);
  });

  it("a declined or expired checkout gives its use back for the next fan", async () => {
    const shop = await makeShop(db);
    const discount = await code(shop, { amount: 10, usageLimit: 1 });
    const first = await cartWith(shop, [{ kind: "release", id: shop.album.id }]);
    await applyDiscountToCart(db, first.cart, shop.artist, discount.code);
    const started = await checkout(shop, first.token);
    if (!started.ok) throw new Error(started.error);
    expect((await getDiscountCodeById(db, shop.artist.id, discount.id))!.usedCount).toBe(1);
    // While the first fan is on the payment page, the use is theirs.
    const second = await cartWith(shop, [{ kind: "release", id: shop.album.id }]);
    expect(await applyDiscountToCart(db, second.cart, shop.artist, discount.code)).toEqual({
      ok: false,
      reason: "used_up",
    });

    await cancelOrder(db, started.orderId, "declined");
    await cancelOrder(db, started.orderId, "declined");
    expect((await getDiscountCodeById(db, shop.artist.id, discount.id))!.usedCount).toBe(0);
    expect(await applyDiscountToCart(db, second.cart, shop.artist, discount.code)).toMatchObject({ ok: true });
    const again = await checkout(shop, second.token);
    if (!again.ok) throw new Error(again.error);

    // Expiry (the sweep) gives it back too; a payment arriving after that is not counted.
    await db
      .update(orders)
      .set({ expiresAt: new Date(Date.now() - 60 * 60_000) })
      .where(eq(orders.id, again.orderId));
    expect(await expireStaleOrders(db)).toBeGreaterThanOrEqual(1);
    expect((await getDiscountCodeById(db, shop.artist.id, discount.id))!.usedCount).toBe(0);
    expect(await fulfillOrder(db, again.orderId, { paymentId: "pi_late" })).toMatchObject({
      outcome: "not_payable",
      reason: "canceled",
    });
    expect((await getDiscountCodeById(db, shop.artist.id, discount.id))!.usedCount).toBe(0);
  });
});

describe("the band's discount codes", () => {
  it("checks the form field by field and refuses another band's item", async () => {
    const shop = await makeShop(db);
    const other = await makeShop(db);
    const form = {
      code: "summer-10",
      kind: "percent",
      amount: "10",
      currency: "",
      scope: "all",
      item: "",
      expiresAt: "2030-06-30",
      usageLimit: "100",
      active: "on",
    };
    expect(await parseDiscountForm(db, shop.artist.id, form)).toMatchObject({
      ok: true,
      value: {
        code: "SUMMER-10",
        amount: 10,
        expiresAt: new Date("2030-06-30T23:59:59.999Z"),
        usageLimit: 100,
        active: true,
      },
    });
    expect(
      await parseDiscountForm(db, shop.artist.id, {
        ...form,
        kind: "fixed",
        amount: "2,50",
        currency: "eur",
        active: undefined,
      }),
    ).toMatchObject({
      ok: true,
      value: { kind: "fixed", amount: 250, currency: "EUR", active: false },
    });
    expect(
      await parseDiscountForm(db, shop.artist.id, {
        ...form,
        code: "a",
        amount: "150",
        expiresAt: "soon",
        usageLimit: "0",
      }),
    ).toEqual({
      ok: false,
      fieldErrors: { code: "codeFormat", amount: "percentRange", expiresAt: "date", usageLimit: "limit" },
    });
    expect(
      await parseDiscountForm(db, shop.artist.id, { ...form, scope: "item", item: `product:${other.cd.id}` }),
    ).toEqual({ ok: false, fieldErrors: { item: "item" } });
    expect(
      await parseDiscountForm(db, shop.artist.id, { ...form, scope: "item", item: `product:${shop.cd.id}` }),
    ).toMatchObject({
      ok: true,
      value: { scope: "item", itemKind: "product", itemId: shop.cd.id },
    });
  });

  it("another band's code id cannot be read, changed or deleted", async () => {
    const shop = await makeShop(db);
    const other = await makeShop(db);
    const theirs = await code(other, { amount: 20 });
    expect(await getDiscountCodeById(db, shop.artist.id, theirs.id)).toBeNull();
    expect(await updateDiscountCode(db, shop.artist.id, theirs.id, { active: false, amount: 99 })).toEqual({
      ok: false,
      error: "not_found",
    });
    expect(await deleteDiscountCode(db, shop.artist.id, theirs.id)).toBe(false);
    expect(await getDiscountCodeById(db, other.artist.id, theirs.id)).toMatchObject({ active: true, amount: 20 });
  });

  it("one text per band, and a limit never below the uses already made", async () => {
    const shop = await makeShop(db);
    const first = await code(shop);
    expect(await createDiscountCode(db, shop.artist.id, { ...base, code: first.code })).toBeNull();
    const second = await code(shop);
    expect(await updateDiscountCode(db, shop.artist.id, second.id, { code: first.code })).toEqual({
      ok: false,
      error: "taken",
    });
    await db.update(discountCodes).set({ usedCount: 3 }).where(eq(discountCodes.id, second.id));
    expect(await updateDiscountCode(db, shop.artist.id, second.id, { usageLimit: 2 })).toEqual({
      ok: false,
      error: "below_used",
    });
    expect(await updateDiscountCode(db, shop.artist.id, second.id, { usageLimit: 3 })).toEqual({ ok: true });
  });
});
