import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { artists, orders } from "@/db/schema";
import { createDiscountCode } from "@/lib/discounts";
import { addToCart, applyDiscountToCart, findCart, setCartCountry, startCheckout } from "@/lib/orders";
import { useTestDb } from "@/tests/support/factories";
import { makeShop } from "@/tests/support/orders";
import { startStripeStandIn, type Params, type StripeStandIn } from "@/tests/support/stripe-stand-in";

const db = useTestDb();
let stripe: StripeStandIn;

// The provider is chosen from the environment on first use: point it at the stand-in before any checkout.
beforeAll(async () => {
  stripe = await startStripeStandIn();
  process.env.STRIPE_SECRET_KEY = "sk_test_standin";
  process.env.STRIPE_API_URL = stripe.url;
});
afterAll(() => stripe.close());

describe("a discounted cart on Stripe's payment page", () => {
  it("spreads the discount over the unit prices so Stripe charges exactly the order's total", async () => {
    const made = await makeShop(db);
    const [artist] = await db
      .update(artists)
      .set({ payoutAccountId: "acct_test_disc", payoutStatus: "active" })
      .where(eq(artists.id, made.artist.id))
      .returning();
    const shop = { ...made, artist };
    const code = await createDiscountCode(db, shop.artist.id, {
      code: `ODD${randomBytes(3).toString("hex").toUpperCase()}`,
      kind: "fixed",
      amount: 1001,
      currency: "EUR",
      scope: "all",
      itemKind: null,
      itemId: null,
      expiresAt: null,
      usageLimit: null,
      active: true,
    });
    const token = randomBytes(16).toString("base64url");
    await addToCart(db, { token, artist: shop.artist, item: { kind: "release", id: shop.album.id } });
    await addToCart(db, { token, artist: shop.artist, item: { kind: "product", id: shop.cd.id, quantity: 3 } });
    await addToCart(db, { token, artist: shop.artist, item: { kind: "track", id: shop.tracks[0].id } });
    await setCartCountry(db, (await findCart(db, token, shop.artist.id))!, "DE");
    expect((await applyDiscountToCart(db, await findCart(db, token, shop.artist.id), shop.artist, code!.code)).ok).toBe(
      true,
    );

    const started = await startCheckout(db, {
      token,
      artist: shop.artist,
      email: "fan@example.test",
      subscribe: false,
      locale: "en",
    });
    if (!started.ok) throw new Error(started.error);
    const [order] = await db.select().from(orders).where(eq(orders.id, started.orderId));
    // 7 + 3 × 12 + 1 = 44, less 10.01, plus Europe shipping 8 + 2 × 2.
    expect(order).toMatchObject({
      subtotal: 4400,
      discount: 1001,
      shipping: 1200,
      total: 4400 - 1001 + 1200,
      provider: "stripe",
    });

    const sent = stripe
      .requestsTo("POST", "/v1/checkout/sessions")
      .find((r) => (r.body.metadata as Params).orderId === order.id)!;
    const lines = sent.body.line_items as Params[];
    const itemsTotal = lines.reduce(
      (sum, l) => sum + Number((l.price_data as Params).unit_amount) * Number(l.quantity),
      0,
    );
    const shipping = Number(
      (((sent.body.shipping_options as Params[])[0].shipping_rate_data as Params).fixed_amount as Params).amount,
    );
    expect(lines.every((l) => Number((l.price_data as Params).unit_amount) >= 0)).toBe(true);
    expect(itemsTotal).toBe(4400 - 1001);
    expect(itemsTotal + shipping).toBe(order.total);
  });
});
