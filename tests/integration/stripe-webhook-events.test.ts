import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { artists, orderItems } from "@/db/schema";
import { expireStaleOrders } from "@/lib/orders";
import { receiveStripeWebhook } from "@/lib/orders/payment-events/webhook";
import { startPayoutOnboarding } from "@/lib/payments/connect";
import { makeArtist, makeUser, useTestDb } from "@/tests/support/factories";
import { cdStock } from "@/tests/support/order-factories";
import {
  openStripeCheckout,
  orderTrail,
  signEvent,
  stripeEvent,
  useStripeStandIn,
} from "@/tests/support/stripe-events";
import type { StripeStandIn } from "@/tests/support/stripe-stand-in";

const db = useTestDb();
const stripe = useStripeStandIn();

type Checkout = Awaited<ReturnType<typeof openStripeCheckout>>;

/** Signs and receives one event; returns the webhook's answer. */
async function send(type: string, object: Record<string, unknown> & { id: string }, extra: { account?: string } = {}) {
  const signed = signEvent(stripeEvent(type, object, extra));
  return { ...(await receiveStripeWebhook(db, signed.payload, signed.signature)), signed };
}
const receive = (event: { id: string }) => {
  const signed = signEvent(event);
  return receiveStripeWebhook(db, signed.payload, signed.signature);
};
const redeliver = (signed: { payload: string; signature: string }) =>
  receiveStripeWebhook(db, signed.payload, signed.signature);

/** Stripe copies the PaymentIntent's metadata (our order id) onto the charge it creates. */
function chargeOf(paid: ReturnType<StripeStandIn["pay"]>, checkout: Checkout, amountRefunded: number) {
  return {
    ...paid.charge,
    metadata: { orderId: checkout.order.id },
    amount_refunded: amountRefunded,
    refunded: amountRefunded === paid.charge.amount,
  };
}

describe("a checkout nobody pays", () => {
  it("checkout.session.expired cancels the order and puts the CDs back, once however often it arrives", async () => {
    const checkout = await openStripeCheckout(db, { cds: 3 });
    expect(await cdStock(db, checkout.cd.id)).toBe(7);
    stripe.expire(checkout.sessionId);
    const session = stripe.sessions.get(checkout.sessionId)!;
    const first = await send("checkout.session.expired", session);
    expect(first).toMatchObject({ status: 200, result: "applied" });
    expect(await redeliver(first.signed)).toMatchObject({ status: 200, result: "already_applied" });
    expect(await send("checkout.session.expired", session)).toMatchObject({ status: 200, result: "applied" });
    const trail = await orderTrail(db, checkout.order.id);
    expect(trail.order.status).toBe("canceled");
    expect(trail.reservations).toEqual([{ status: "released", quantity: 3 }]);
    expect(await cdStock(db, checkout.cd.id)).toBe(10);
  });

  it("a delayed payment that fails cancels the order and puts the CDs back", async () => {
    const checkout = await openStripeCheckout(db, { cds: 2 });
    const { session } = stripe.pay(checkout.sessionId, { paymentStatus: "unpaid", email: checkout.email });
    expect(await send("checkout.session.completed", session)).toMatchObject({ status: 200, result: "applied" });
    expect((await orderTrail(db, checkout.order.id)).order.status).toBe("pending");
    expect(await cdStock(db, checkout.cd.id)).toBe(8);

    stripe.failDelayedPayment(checkout.sessionId);
    expect(await send("checkout.session.async_payment_failed", session)).toMatchObject({
      status: 200,
      result: "applied",
    });
    const trail = await orderTrail(db, checkout.order.id);
    expect(trail.order.status).toBe("canceled");
    expect(trail.grants).toEqual([]);
    expect(trail.emails).toEqual([]);
    expect(await cdStock(db, checkout.cd.id)).toBe(10);
  });
});

describe("a delayed payment (SEPA debit) that takes days", () => {
  it("keeps the order and its CDs held past the checkout's half hour, and pays it when the money arrives", async () => {
    const checkout = await openStripeCheckout(db, { cds: 1 });
    const { session } = stripe.pay(checkout.sessionId, { paymentStatus: "unpaid", email: checkout.email });
    expect(await send("checkout.session.completed", session)).toMatchObject({ status: 200, result: "applied" });

    // The expiry sweep runs every minute; the debit takes days. (Sweeping at a future date would
    // cancel other files' orders, so the hold is checked against the date instead.)
    const held = (await orderTrail(db, checkout.order.id)).order;
    expect(held.status).toBe("pending");
    expect(held.expiresAt.getTime()).toBeGreaterThan(Date.now() + 20 * 86_400_000);
    await expireStaleOrders(db);
    expect((await orderTrail(db, checkout.order.id)).order.status).toBe("pending");
    expect(await cdStock(db, checkout.cd.id)).toBe(9);

    Object.assign(session, { payment_status: "paid" });
    expect(await send("checkout.session.async_payment_succeeded", session)).toMatchObject({
      status: 200,
      result: "applied",
    });
    const trail = await orderTrail(db, checkout.order.id);
    expect(trail.order.status).toBe("paid");
    expect(trail.grants).toHaveLength(1);
    expect(trail.reservations).toEqual([{ status: "committed", quantity: 1 }]);
    expect(await cdStock(db, checkout.cd.id)).toBe(9);

    // The "completed, still unpaid" event retried after the payment changes nothing.
    expect(await send("checkout.session.completed", { ...session, payment_status: "unpaid" })).toMatchObject({
      status: 200,
      result: "applied",
    });
    const after = (await orderTrail(db, checkout.order.id)).order;
    expect(after.status).toBe("paid");
    expect(after.expiresAt).toEqual(trail.order.expiresAt);
  });
});

describe("events arriving out of order", () => {
  it("a paid order stays paid when the session's expiry, or the async success, arrives after", async () => {
    const checkout = await openStripeCheckout(db, { cds: 1 });
    const { session } = stripe.pay(checkout.sessionId, { email: checkout.email });
    expect(await send("checkout.session.completed", session)).toMatchObject({ status: 200, result: "applied" });
    expect(await send("checkout.session.async_payment_succeeded", session)).toMatchObject({
      status: 200,
      result: "applied",
    });
    expect(await send("checkout.session.expired", { ...session, status: "expired" })).toMatchObject({
      status: 200,
      result: "applied",
    });
    expect(await send("checkout.session.async_payment_failed", session)).toMatchObject({
      status: 200,
      result: "applied",
    });

    const trail = await orderTrail(db, checkout.order.id);
    expect(trail.order.status).toBe("paid");
    expect(trail.grants).toHaveLength(1);
    expect(trail.grants[0].revokedAt).toBeNull();
    expect(trail.emails.filter((k) => k.startsWith("receipt:"))).toHaveLength(1);
    expect(trail.reservations).toEqual([{ status: "committed", quantity: 1 }]);
    expect(await cdStock(db, checkout.cd.id)).toBe(9);
  });

  it("a payment confirmed after the session's expiry was applied leaves the order canceled and unfulfilled, for a person to refund", async () => {
    const checkout = await openStripeCheckout(db, { cds: 1 });
    const session = stripe.sessions.get(checkout.sessionId)!;
    expect(await send("checkout.session.expired", { ...session, status: "expired" })).toMatchObject({
      status: 200,
      result: "applied",
    });
    const { session: paid } = stripe.pay(checkout.sessionId, { email: checkout.email });
    expect(await send("checkout.session.completed", paid)).toMatchObject({ status: 200, result: "applied" });

    const trail = await orderTrail(db, checkout.order.id);
    expect(trail.order.status).toBe("canceled");
    expect(trail.grants).toEqual([]);
    expect(trail.emails).toEqual([]);
    expect(await cdStock(db, checkout.cd.id)).toBe(10);
  });

  it("a refund that arrives before the payment it refunds waits for it: 500 until the order is paid, then refunded", async () => {
    const checkout = await openStripeCheckout(db, { cds: 2 });
    const paid = stripe.pay(checkout.sessionId, { email: checkout.email });
    const total = paid.charge.amount as number;
    const refund = await send("charge.refunded", chargeOf(paid, checkout, total));
    expect(refund).toMatchObject({ status: 500 });
    let trail = await orderTrail(db, checkout.order.id, [refund.signed.id]);
    expect(trail.events).toEqual([]);
    expect(trail.order.status).toBe("pending");

    expect(await send("checkout.session.completed", paid.session)).toMatchObject({ status: 200, result: "applied" });
    // Stripe retries the refund event.
    expect(await redeliver(refund.signed)).toMatchObject({ status: 200, result: "applied" });
    trail = await orderTrail(db, checkout.order.id, [refund.signed.id]);
    expect(trail.events).toHaveLength(1);
    expect(trail.order).toMatchObject({ status: "refunded", refundedAmount: total });
    expect(trail.grants[0].revokedAt).toBeInstanceOf(Date);
    expect(trail.reservations).toEqual([{ status: "released", quantity: 2 }]);
    expect(await cdStock(db, checkout.cd.id)).toBe(10);
  });
});

describe("refunds made at Stripe", () => {
  it("partial then full, each delivered twice and the partial once more late: partially refunded, then refunded, downloads closed, unshipped CDs back", async () => {
    const checkout = await openStripeCheckout(db, { cds: 2 });
    const paid = stripe.pay(checkout.sessionId, { email: checkout.email });
    const total = paid.charge.amount as number;
    expect(await send("checkout.session.completed", paid.session)).toMatchObject({ result: "applied" });
    expect(await cdStock(db, checkout.cd.id)).toBe(8);

    const partial = await send("charge.refunded", chargeOf(paid, checkout, 500));
    expect(partial).toMatchObject({ status: 200, result: "applied" });
    expect(await send("charge.refunded", chargeOf(paid, checkout, 500))).toMatchObject({
      status: 200,
      result: "applied",
    });
    let trail = await orderTrail(db, checkout.order.id);
    expect(trail.order).toMatchObject({ status: "partially_refunded", refundedAmount: 500 });
    expect(trail.grants[0].revokedAt).toBeNull();
    expect(await cdStock(db, checkout.cd.id)).toBe(8);

    const full = await send("charge.refunded", chargeOf(paid, checkout, total));
    expect(full).toMatchObject({ status: 200, result: "applied" });
    expect(await redeliver(full.signed)).toMatchObject({ status: 200, result: "already_applied" });
    expect(await send("charge.refunded", chargeOf(paid, checkout, total))).toMatchObject({
      status: 200,
      result: "applied",
    });
    expect(await redeliver(partial.signed)).toMatchObject({ status: 200, result: "already_applied" });
    expect(await send("charge.refunded", chargeOf(paid, checkout, 500))).toMatchObject({
      status: 200,
      result: "applied",
    });

    trail = await orderTrail(db, checkout.order.id);
    expect(trail.order).toMatchObject({ status: "refunded", refundedAmount: total });
    expect(trail.grants).toHaveLength(1);
    expect(trail.grants[0].revokedAt).toBeInstanceOf(Date);
    expect(trail.reservations).toEqual([{ status: "released", quantity: 2 }]);
    expect(await cdStock(db, checkout.cd.id)).toBe(10);
  });

  it("a CD already shipped does not go back on the shelf", async () => {
    const checkout = await openStripeCheckout(db, { cds: 1 });
    const paid = stripe.pay(checkout.sessionId, { email: checkout.email });
    await send("checkout.session.completed", paid.session);
    await db
      .update(orderItems)
      .set({ shippedAt: new Date() })
      .where(and(eq(orderItems.orderId, checkout.order.id), eq(orderItems.kind, "product")));
    expect(await send("charge.refunded", chargeOf(paid, checkout, paid.charge.amount as number))).toMatchObject({
      status: 200,
      result: "applied",
    });
    const trail = await orderTrail(db, checkout.order.id);
    expect(trail.order.status).toBe("refunded");
    expect(trail.reservations).toEqual([{ status: "committed", quantity: 1 }]);
    expect(await cdStock(db, checkout.cd.id)).toBe(9);
  });
});

describe("a band's payout account changing at Stripe", () => {
  it("account.updated marks the band active when charges are enabled and pending when they are not, whatever order the events come in", async () => {
    const owner = await makeUser(db);
    const band = await makeArtist(db, owner.id);
    await startPayoutOnboarding(db, { ...band, country: "FR" });
    const [{ payoutAccountId: accountId }] = await db
      .select({ payoutAccountId: artists.payoutAccountId })
      .from(artists)
      .where(eq(artists.id, band.id));
    const payoutStatus = async () =>
      (await db.select({ s: artists.payoutStatus }).from(artists).where(eq(artists.id, band.id)))[0].s;
    const snapshot = (chargesEnabled: boolean) => ({
      id: accountId!,
      object: "account",
      charges_enabled: chargesEnabled,
      details_submitted: true,
    });
    expect(await payoutStatus()).toBe("pending");

    stripe.updateAccount(accountId!, { details_submitted: true, charges_enabled: true });
    const onboarded = stripeEvent("account.updated", snapshot(true), { account: accountId! });
    const older = stripeEvent("account.updated", snapshot(false), { account: accountId! });
    expect(await receive(onboarded)).toMatchObject({ status: 200, result: "applied" });
    expect(await payoutStatus()).toBe("active");
    // An older event retried after the newer one does not turn the band back to pending.
    expect(await receive(older)).toMatchObject({ status: 200, result: "applied" });
    expect(await payoutStatus()).toBe("active");

    stripe.updateAccount(accountId!, { charges_enabled: false });
    expect(await send("account.updated", snapshot(false), { account: accountId! })).toMatchObject({
      status: 200,
      result: "applied",
    });
    expect(await payoutStatus()).toBe("pending");
  });

  it("an update for an account no band uses changes nothing and asks Stripe nothing", async () => {
    const before = stripe.requests.length;
    expect(
      await send("account.updated", {
        id: "acct_test_unknown",
        object: "account",
        charges_enabled: true,
        details_submitted: true,
      }),
    ).toMatchObject({ status: 200, result: "applied" });
    expect(stripe.requests.length).toBe(before);
  });
});
