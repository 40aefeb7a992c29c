import { randomBytes } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/stripe/webhook/route";
import { artists, orderItems, orders, shippingRates, type Artist } from "@/db/schema";
import { countryOfIp } from "@/lib/geo";
import {
  addToCart,
  confirmCartCountry,
  findCart,
  setCartCountry,
  startCheckout,
  type CheckoutResult,
} from "@/lib/orders";
import { belowCardMinimum, cardMinimum } from "@/lib/payments";
import { byCountry, parsePeriod } from "@/lib/stats";
import { useTestDb } from "@/tests/support/factories";
import { makeShop } from "@/tests/support/orders";
import { setPlan } from "@/tests/support/plans";
import { signEvent, stripeEvent, useStripeStandIn, webhookRequest } from "@/tests/support/stripe-events";

const db = useTestDb();
const stripe = useStripeStandIn();

/** Addresses the offline database (geoip-lite) places in these countries. */
const IP = { FR: "90.0.0.1", DE: "85.214.0.1", ES: "80.58.0.1", US: "8.8.8.8" };

/** A band on Stripe, selling from France: album €7 (download), CD €12, shipping home €4, Europe €8, world €15. */
async function band(options: { plan?: "free" | "pro"; registered?: boolean } = {}) {
  const shop = await makeShop(db);
  const [artist] = await db
    .update(artists)
    .set({
      payoutAccountId: `acct_test_${randomBytes(6).toString("hex")}`,
      payoutStatus: "active",
      ...(options.registered
        ? { vatStatus: "registered" as const, vatNumber: "FR40123456824", vatRateBasisPoints: 2000 }
        : { vatMention: "TVA non applicable, art. 293 B du CGI" }),
    })
    .where(eq(artists.id, shop.artist.id))
    .returning();
  await db
    .insert(shippingRates)
    .values({ artistId: artist.id, zone: "world", firstItem: 1500, eachExtra: 300, currency: "EUR" });
  if (options.plan) await setPlan(db, artist.id, options.plan);
  return { ...shop, artist: artist as Artist };
}

/** A fan at `ip` puts the album and a CD in the cart (its country prefilled from the address), maybe picks another country. */
async function fillCart(shop: Awaited<ReturnType<typeof band>>, ip: string, declared?: string) {
  const token = randomBytes(16).toString("base64url");
  const country = await countryOfIp(ip);
  await addToCart(db, { token, artist: shop.artist, item: { kind: "release", id: shop.album.id }, country });
  await addToCart(db, { token, artist: shop.artist, item: { kind: "product", id: shop.cd.id }, country });
  if (declared) await setCartCountry(db, (await findCart(db, token, shop.artist.id))!, declared);
  return token;
}

const checkout = (shop: { artist: Artist }, token: string, ip: string): Promise<CheckoutResult> =>
  startCheckout(db, { token, artist: shop.artist, email: "fan@example.test", subscribe: false, locale: "en", ip });

async function orderOf(result: CheckoutResult) {
  if (!result.ok) throw new Error(`checkout refused: ${result.error}`);
  const [order] = await db.select().from(orders).where(eq(orders.id, result.orderId));
  const items = await db
    .select()
    .from(orderItems)
    .where(eq(orderItems.orderId, order.id))
    .orderBy(asc(orderItems.kind));
  const session = stripe
    .requestsTo("POST", "/v1/checkout/sessions")
    .find((r) => (r.body.metadata as { orderId: string }).orderId === order.id)!;
  const applicationFee = Number(
    (session.body.payment_intent_data as { application_fee_amount?: string }).application_fee_amount ?? 0,
  );
  return { order, items, applicationFee };
}

/** The band's share of an order: what Stripe moves to its account. */
const share = (order: typeof orders.$inferSelect) => order.total - order.vatPlatform - order.platformFee;

async function payWithCard(sessionId: string, cardCountry: string) {
  const { session } = stripe.pay(sessionId, { cardCountry });
  const signed = signEvent(stripeEvent("checkout.session.completed", session));
  expect((await POST(webhookRequest(signed.payload, signed.signature))).status).toBe(200);
}

describe("VAT on a fan's order, from where the fan is", () => {
  it("a French fan pays French VAT on the download; the band (not registered) none on the CD; the fee is on the sale net of VAT", async () => {
    const shop = await band();
    const token = await fillCart(shop, IP.FR);
    expect((await findCart(db, token, shop.artist.id))!.country).toBe("FR");
    const { order, items, applicationFee } = await orderOf(await checkout(shop, token, IP.FR));
    // 7 + 12 + 4 shipping; 7.00 includes 20 % VAT: 1.17.
    expect(order).toMatchObject({
      total: 2300,
      buyerCountry: "FR",
      vatCountry: "FR",
      vatRateBasisPoints: 2000,
      vatPlatform: 117,
      vatSeller: 0,
      tax: 117,
      taxSource: "table",
      sellerVat: { status: "not_registered", mention: "TVA non applicable, art. 293 B du CGI" },
      countryEvidence: { ip: "FR", declared: "FR", basis: "ip+declared" },
      plan: "free",
      feeBasisPoints: 1000,
      platformFee: 218, // 10 % of 23.00 − 1.17
    });
    expect(items.map((i) => [i.kind, i.grossAmount, i.vatRateBasisPoints, i.vatAmount, i.vatLiability])).toEqual([
      ["release", 700, 2000, 117, "platform"],
      ["product", 1200, 0, 0, "none"],
    ]);
    expect(applicationFee).toBe(218 + 117);
    expect(share(order)).toBe(2300 - 117 - 218);

    // Paid with a Belgian card: the country charged stays France; the card is kept as evidence.
    await payWithCard(order.providerSessionId!, "BE");
    const [paid] = await db.select().from(orders).where(eq(orders.id, order.id));
    expect(paid).toMatchObject({
      status: "paid",
      buyerCountry: "FR",
      tax: 117,
      countryEvidence: { ip: "FR", declared: "FR", card: "BE", basis: "ip+declared" },
    });
    const period = parsePeriod({ period: "7d" }, new Date(), "UTC");
    if (!period.ok) throw new Error(period.error);
    expect((await byCountry(db, shop.artist.id, period.period)).filter((r) => r.orders > 0).map((r) => r.key)).toEqual([
      "FR",
    ]);
  });

  it("a German fan of a VAT-registered band on Pro: German VAT on the download, the band's 20 % on the CD and its shipping, no fee", async () => {
    const shop = await band({ plan: "pro", registered: true });
    const token = await fillCart(shop, IP.DE);
    const { order, items, applicationFee } = await orderOf(await checkout(shop, token, IP.DE));
    // 7 + 12 + 8 shipping to Europe. Download: 7.00 at 19 % → 1.12. Goods and shipping: 20.00 at 20 % → 3.33.
    expect(order).toMatchObject({
      total: 2700,
      buyerCountry: "DE",
      vatCountry: "DE",
      vatRateBasisPoints: 1900,
      vatPlatform: 112,
      vatSeller: 333,
      tax: 445,
      sellerVat: { status: "registered", number: "FR40123456824", rateBasisPoints: 2000 },
      plan: "pro",
      platformFee: 0,
    });
    expect(items.map((i) => [i.kind, i.vatRateBasisPoints, i.vatAmount, i.vatLiability])).toEqual([
      ["release", 1900, 112, "platform"],
      ["product", 2000, 200, "seller"],
    ]);
    // The platform keeps only the VAT it owes; the band's own VAT stays in its share.
    expect(applicationFee).toBe(112);
    expect(share(order)).toBe(2700 - 112);

    await payWithCard(order.providerSessionId!, "DE");
    const [paid] = await db.select().from(orders).where(eq(orders.id, order.id));
    expect(paid.countryEvidence).toEqual({ ip: "DE", declared: "DE", card: "DE", basis: "ip+declared+card" });
  });

  it("a fan connecting from Spain who chose Belgium is asked first; nothing is ordered until they confirm, then Belgian VAT applies", async () => {
    const shop = await band();
    const token = await fillCart(shop, IP.ES, "BE");
    const refused = await checkout(shop, token, IP.ES);
    expect(refused).toEqual({ ok: false, error: "country_unconfirmed", ipCountry: "ES", declared: "BE" });
    expect(await db.select().from(orders).where(eq(orders.artistId, shop.artist.id))).toHaveLength(0);

    const cart = (await findCart(db, token, shop.artist.id))!;
    // A stale form cannot confirm a country the cart no longer holds.
    expect(await confirmCartCountry(db, cart, "ES")).toBe(false);
    expect(await confirmCartCountry(db, cart, "BE")).toBe(true);
    // Changing the country again drops the confirmation: the fan is asked anew.
    await setCartCountry(db, cart, "BE");
    expect((await findCart(db, token, shop.artist.id))!.countryConfirmed).toBeNull();
    expect((await checkout(shop, token, IP.ES)).ok).toBe(false);

    expect(await confirmCartCountry(db, cart, "BE")).toBe(true);
    const { order, items, applicationFee } = await orderOf(await checkout(shop, token, IP.ES));
    // 7 + 12 + 8; 7.00 at 21 % → 1.21.
    expect(order).toMatchObject({
      total: 2700,
      buyerCountry: "BE",
      vatCountry: "BE",
      vatRateBasisPoints: 2100,
      vatPlatform: 121,
      tax: 121,
      countryEvidence: { ip: "ES", declared: "BE", confirmed: true, basis: "declared+confirmed" },
      platformFee: 258, // 10 % of 27.00 − 1.21
    });
    expect(items.map((i) => i.vatLiability)).toEqual(["platform", "none"]);
    expect(applicationFee).toBe(258 + 121);
    expect(share(order)).toBe(2700 - 121 - 258);
  });

  it("a fan in the United States pays no VAT: the fee is 10 % of the whole total", async () => {
    const shop = await band();
    const token = await fillCart(shop, IP.US);
    const { order, items, applicationFee } = await orderOf(await checkout(shop, token, IP.US));
    expect(order).toMatchObject({
      total: 3400,
      buyerCountry: "US",
      vatCountry: null,
      vatRateBasisPoints: 0,
      tax: 0,
      vatPlatform: 0,
      vatSeller: 0,
      taxSource: "none",
      platformFee: 340,
    });
    expect(items.map((i) => [i.vatAmount, i.vatLiability])).toEqual([
      [0, "none"],
      [0, "none"],
    ]);
    expect(applicationFee).toBe(340);
    expect(share(order)).toBe(3060);
  });
});

describe("the card's country once paid", () => {
  it("a download bought from France with a German card stays French (its VAT was French); the card joins the evidence", async () => {
    const shop = await band();
    const token = randomBytes(16).toString("base64url");
    const country = await countryOfIp(IP.FR);
    await addToCart(db, { token, artist: shop.artist, item: { kind: "release", id: shop.album.id }, country });
    const { order } = await orderOf(await checkout(shop, token, IP.FR));
    await payWithCard(order.providerSessionId!, "DE");
    const [paid] = await db.select().from(orders).where(eq(orders.id, order.id));
    expect(paid).toMatchObject({
      status: "paid",
      buyerCountry: "FR",
      vatCountry: "FR",
      tax: 117,
      countryEvidence: { ip: "FR", declared: "FR", card: "DE", basis: "ip+declared" },
    });
  });
});

describe("card minimums", () => {
  it("knows each currency's smallest card payment in its own units", () => {
    expect([
      cardMinimum("EUR"),
      cardMinimum("GBP"),
      cardMinimum("JPY"),
      cardMinimum("SEK"),
      cardMinimum("HUF"),
    ]).toEqual([50, 30, 50, 300, 175]);
    expect(belowCardMinimum(49, "EUR")).toBe(true);
    expect(belowCardMinimum(50, "EUR")).toBe(false);
    expect(belowCardMinimum(0, "EUR")).toBe(false);
    expect(belowCardMinimum(29, "GBP")).toBe(true);
  });

  it("a 0.30 € pay-what-you-want cart is refused before anything is ordered; a free one still goes through", async () => {
    const shop = await makeShop(db, { albumMode: "pay_what_you_want", albumMinimum: 0 });
    const token = randomBytes(16).toString("base64url");
    await addToCart(db, { token, artist: shop.artist, item: { kind: "release", id: shop.album.id, customAmount: 30 } });
    const refused = await startCheckout(db, {
      token,
      artist: shop.artist,
      email: "fan@example.test",
      subscribe: false,
      locale: "en",
    });
    expect(refused).toEqual({ ok: false, error: "below_card_minimum", minimum: 50, currency: "EUR" });
    expect(await db.select().from(orders).where(eq(orders.artistId, shop.artist.id))).toHaveLength(0);

    await addToCart(db, { token, artist: shop.artist, item: { kind: "release", id: shop.album.id, customAmount: 0 } });
    const free = await startCheckout(db, {
      token,
      artist: shop.artist,
      email: "fan@example.test",
      subscribe: false,
      locale: "en",
    });
    expect(free.ok).toBe(true);
  });
});
