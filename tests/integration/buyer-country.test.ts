import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/stripe/webhook/route";
import { artists, orders } from "@/db/schema";
import { countryOfIp } from "@/lib/geo";
import { addToCart, findCart, fulfillOrder, setCartCountry, startCheckout } from "@/lib/orders";
import { byCountry, parsePeriod, type Period } from "@/lib/stats";
import { useTestDb } from "@/tests/support/factories";
import { makeShop } from "@/tests/support/orders";
import {
  openStripeCheckout,
  signEvent,
  stripeEvent,
  useStripeStandIn,
  webhookRequest,
} from "@/tests/support/stripe-events";

const db = useTestDb();
const stripe = useStripeStandIn();

const today = (): Period => {
  const result = parsePeriod({ period: "7d" }, new Date(), "UTC");
  if (!result.ok) throw new Error(result.error);
  return result.period;
};
/** Stripe telling the webhook that Checkout was paid; the answer's status. */
async function completed(session: { id: string }) {
  const signed = signEvent(stripeEvent("checkout.session.completed", session));
  return (await POST(webhookRequest(signed.payload, signed.signature))).status;
}
const countries = async (artistId: string) =>
  (await byCountry(db, artistId, today())).filter((r) => r.orders > 0).map((r) => [r.key, r.orders]);

describe("where a sale is counted", () => {
  it("reads the country of an address from the database shipped in the package, offline", async () => {
    expect(await countryOfIp("81.2.69.142")).toBe("GB");
    expect(await countryOfIp("::ffff:81.2.69.142")).toBe("GB");
    expect(await countryOfIp("2a01:e0a::1")).toBe("FR");
    for (const nowhere of ["127.0.0.1", "10.1.2.3", "unknown", "", null]) expect(await countryOfIp(nowhere)).toBeNull();
  });

  it("a fan downloading from a British address counts in the United Kingdom on the overview; a parcel counts where it ships", async () => {
    const base = await makeShop(db);
    // This file talks to the Stripe stand-in, which pays the band through its connected account.
    const [artist] = await db
      .update(artists)
      .set({ payoutAccountId: "acct_test_country", payoutStatus: "active" })
      .where(eq(artists.id, base.artist.id))
      .returning();
    const shop = { ...base, artist };
    const digital = randomBytes(16).toString("base64url");
    await addToCart(db, { token: digital, artist: shop.artist, item: { kind: "release", id: shop.album.id } });
    const sold = await startCheckout(db, {
      token: digital,
      artist: shop.artist,
      email: "fan@example.test",
      subscribe: false,
      locale: "en",
      ip: "81.2.69.142",
    });
    if (!sold.ok) throw new Error(sold.error);
    expect((await db.select().from(orders).where(eq(orders.id, sold.orderId)))[0].buyerCountry).toBe("GB");

    const parcel = randomBytes(16).toString("base64url");
    await addToCart(db, { token: parcel, artist: shop.artist, item: { kind: "product", id: shop.cd.id } });
    await setCartCountry(db, (await findCart(db, parcel, shop.artist.id))!, "FR");
    const shipped = await startCheckout(db, {
      token: parcel,
      artist: shop.artist,
      email: "fan@example.test",
      subscribe: false,
      locale: "en",
      ip: "81.2.69.142",
    });
    if (!shipped.ok) throw new Error(shipped.error);
    expect((await db.select().from(orders).where(eq(orders.id, shipped.orderId)))[0].buyerCountry).toBe("FR");

    await fulfillOrder(db, sold.orderId, { paymentId: "pi_gb" });
    await fulfillOrder(db, shipped.orderId, { paymentId: "pi_fr" });
    expect(await countries(shop.artist.id)).toEqual(
      expect.arrayContaining([
        ["GB", 1],
        ["FR", 1],
      ]),
    );
    expect((await countries(shop.artist.id)).map(([key]) => key)).not.toContain("");
  });

  it("a download paid through Stripe counts in the card's country, even without a known address; a parcel stays where it ships", async () => {
    const download = await openStripeCheckout(db, { cds: 0 });
    expect(download.order.buyerCountry).toBeNull();
    const { session } = stripe.pay(download.sessionId, { email: download.email, cardCountry: "DE" });
    expect(await completed(session)).toBe(200);
    const [paid] = await db.select().from(orders).where(eq(orders.id, download.order.id));
    expect(paid).toMatchObject({ status: "paid", buyerCountry: "DE" });
    expect(await countries(download.artist.id)).toEqual([["DE", 1]]);

    const parcel = await openStripeCheckout(db, { cds: 1 });
    const paidParcel = stripe.pay(parcel.sessionId, { email: parcel.email, cardCountry: "US" });
    expect(await completed(paidParcel.session)).toBe(200);
    expect((await db.select().from(orders).where(eq(orders.id, parcel.order.id)))[0]).toMatchObject({
      status: "paid",
      buyerCountry: "FR",
    });
  });
});
