import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { artists, creditPayouts, orders } from "@/db/schema";
import { checkLedger, sendCreditPayouts } from "@/lib/credit";
import { fulfillOrder, refundOrder } from "@/lib/orders";
import { paymentProvider } from "@/lib/payments";
import { balanceOf, checkoutWithBalance, giveBalance } from "@/tests/support/credit";
import { useTestDb } from "@/tests/support/factories";
import { makeShop } from "@/tests/support/orders";
import { startStripeStandIn, type Params, type StripeStandIn } from "@/tests/support/stripe-stand-in";

const db = useTestDb();
let stripe: StripeStandIn;
const clean = { drifted: [], unbalanced: [] };
const fan = () => `fan-${randomBytes(4).toString("hex")}@example.test`;

// The provider is chosen from the environment on first use: point it at the stand-in before any checkout.
beforeAll(async () => {
  stripe = await startStripeStandIn();
  process.env.STRIPE_SECRET_KEY = "sk_test_standin";
  process.env.STRIPE_API_URL = stripe.url;
});
afterAll(() => stripe.close());

/** A shop whose band has a connected account the stand-in knows (transfers need a real destination). */
async function connectedShop() {
  const made = await makeShop(db);
  const account = `acct_test_${randomBytes(6).toString("hex")}`;
  stripe.accounts.set(account, { id: account, object: "account", charges_enabled: true });
  const [artist] = await db
    .update(artists)
    .set({ payoutAccountId: account, payoutStatus: "active" })
    .where(eq(artists.id, made.artist.id))
    .returning();
  return { ...made, artist, account };
}

const orderOf = async (id: string) => (await db.select().from(orders).where(eq(orders.id, id)))[0];
const payoutOf = async (id: string) => (await db.select().from(creditPayouts).where(eq(creditPayouts.orderId, id)))[0];
const sessionFor = (orderId: string) =>
  stripe.requestsTo("POST", "/v1/checkout/sessions").find((r) => (r.body.metadata as Params).orderId === orderId)!;
const transfersFor = (orderId: string) =>
  stripe.requestsTo("POST", "/v1/transfers").filter((r) => r.body.transfer_group === orderId);

async function payOnStripe(orderId: string) {
  const order = await orderOf(orderId);
  stripe.pay(order.providerSessionId!);
  const state = await paymentProvider(db).getCheckoutState(order.providerSessionId!);
  if (state.status !== "paid") throw new Error(`session is ${state.status}`);
  return fulfillOrder(db, orderId, state.confirmation);
}

describe("balance and card together on Stripe", () => {
  it("charges the card only its part, and the band gets the rest by transfer, once", async () => {
    const shop = await connectedShop();
    const email = fan();
    await giveBalance(db, email, 300);
    const started = await checkoutWithBalance(db, shop, [{ kind: "release", id: shop.album.id }], {
      creditEmail: email,
      email,
    });
    if (!started.ok) throw new Error(started.error);
    const sent = sessionFor(started.orderId);
    const lines = sent.body.line_items as Params[];
    expect(lines).toHaveLength(1);
    expect(lines[0].quantity).toBe("1");
    expect((lines[0].price_data as Params).unit_amount).toBe("400");
    expect(((lines[0].price_data as Params).product_data as Params).name).toMatch(/€3\.00 from your balance/);
    const pending = await orderOf(started.orderId);
    const platform = pending.platformFee + pending.vatPlatform;
    const intent = sent.body.payment_intent_data as Params;
    expect(intent.application_fee_amount).toBe(String(platform));
    expect((intent.transfer_data as Params).destination).toBe(shop.account);

    expect((await payOnStripe(started.orderId)).outcome).toBe("fulfilled");
    // Stripe charged 4.00; the order still costs 7.00.
    expect(await orderOf(started.orderId)).toMatchObject({ status: "paid", total: 700, creditAmount: 300 });
    expect(await balanceOf(db, email)).toBe(0);

    await sendCreditPayouts(db);
    const [transfer] = transfersFor(started.orderId);
    expect(transfer.body).toMatchObject({ amount: "300", currency: "eur", destination: shop.account });
    expect(transfer.headers["idempotency-key"]).toBe(`credit-payout:${started.orderId}`);
    const payout = await payoutOf(started.orderId);
    expect(payout).toMatchObject({ status: "sent", amount: 300 });
    expect(payout.transferId).toMatch(/^tr_/);
    // The band's whole share: the card's destination charge less the fee, plus the transfer.
    expect(400 - platform + 300).toBe(700 - platform);

    // Run again, and again after a lost answer (marked failed): Stripe's idempotency makes it one transfer.
    await sendCreditPayouts(db);
    await db.update(creditPayouts).set({ status: "failed" }).where(eq(creditPayouts.id, payout.id));
    await sendCreditPayouts(db);
    expect([...stripe.transfers.values()].filter((t) => t.transfer_group === started.orderId)).toHaveLength(1);
    expect((await payoutOf(started.orderId)).transferId).toBe(payout.transferId);
    expect(await checkLedger(db)).toEqual(clean);
  });

  it("caps the fee at the card part when the balance pays most, and leaves it out of the band's transfer", async () => {
    const shop = await connectedShop();
    const email = fan();
    await giveBalance(db, email, 680);
    const started = await checkoutWithBalance(db, shop, [{ kind: "release", id: shop.album.id }], {
      creditEmail: email,
      email,
      country: "DE",
    });
    if (!started.ok) throw new Error(started.error);
    const order = await orderOf(started.orderId);
    // The card pays its minimum (0.50), the balance the rest.
    expect(order).toMatchObject({ creditAmount: 650, total: 700 });
    const platform = order.platformFee + order.vatPlatform;
    expect(platform).toBeGreaterThan(50);
    const intent = sessionFor(started.orderId).body.payment_intent_data as Params;
    expect(intent.application_fee_amount).toBe("50");
    await payOnStripe(started.orderId);
    expect((await payoutOf(started.orderId)).amount).toBe(700 - platform);
    expect(await balanceOf(db, email)).toBe(30);
  });

  it("refunds the balance first, reverses the transfer for it, and sends only the rest to the card", async () => {
    const shop = await connectedShop();
    const email = fan();
    await giveBalance(db, email, 300);
    const started = await checkoutWithBalance(db, shop, [{ kind: "release", id: shop.album.id }], {
      creditEmail: email,
      email,
    });
    if (!started.ok) throw new Error(started.error);
    await payOnStripe(started.orderId);
    await sendCreditPayouts(db);
    const { transferId } = await payoutOf(started.orderId);
    const actor = { kind: "member" as const, userId: shop.owner.id };
    const refunds = () =>
      stripe.requestsTo("POST", "/v1/refunds").filter((r) => (r.body.metadata as Params).orderId === started.orderId);
    const reversals = () => stripe.requestsTo("POST", `/v1/transfers/${transferId}/reversals`);

    expect(await refundOrder(db, { artistId: shop.artist.id, orderId: started.orderId, amount: 200, actor })).toEqual({
      ok: true,
    });
    expect(refunds()).toHaveLength(0);
    expect(reversals().map((r) => r.body.amount)).toEqual(["200"]);
    expect(await balanceOf(db, email)).toBe(200);

    expect(await refundOrder(db, { artistId: shop.artist.id, orderId: started.orderId, amount: 500, actor })).toEqual({
      ok: true,
    });
    expect(refunds().map((r) => r.body.amount)).toEqual(["400"]);
    expect(reversals().map((r) => r.body.amount)).toEqual(["200", "100"]);
    expect(stripe.transfers.get(transferId!)).toMatchObject({ amount_reversed: 300, reversed: true });
    expect(await orderOf(started.orderId)).toMatchObject({
      status: "refunded",
      refundedAmount: 700,
      creditRefunded: 300,
    });
    expect(await payoutOf(started.orderId)).toMatchObject({ reversedAmount: 300 });
    expect(await balanceOf(db, email)).toBe(300);
    expect(await checkLedger(db)).toEqual(clean);
  });

  it("refunds a balance-only order without touching the card provider", async () => {
    const shop = await connectedShop();
    const email = fan();
    await giveBalance(db, email, 1000);
    const started = await checkoutWithBalance(db, shop, [{ kind: "release", id: shop.album.id }], {
      creditEmail: email,
      email: null,
    });
    if (!started.ok) throw new Error(started.error);
    expect(sessionFor(started.orderId)).toBeUndefined();
    expect(await orderOf(started.orderId)).toMatchObject({ provider: "credit", status: "paid" });
    await sendCreditPayouts(db);
    const payout = await payoutOf(started.orderId);
    expect(payout.status).toBe("sent");
    const before = stripe.requestsTo("POST", "/v1/refunds").length;
    const actor = { kind: "member" as const, userId: shop.owner.id };
    expect(await refundOrder(db, { artistId: shop.artist.id, orderId: started.orderId, amount: 700, actor })).toEqual({
      ok: true,
    });
    expect(stripe.requestsTo("POST", "/v1/refunds")).toHaveLength(before);
    expect(stripe.transfers.get(payout.transferId!)).toMatchObject({ reversed: true });
    expect(await balanceOf(db, email)).toBe(1000);
    expect(await checkLedger(db)).toEqual(clean);
  });
});
