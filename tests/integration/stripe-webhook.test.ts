import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/stripe/webhook/route";
import { paymentEvents } from "@/db/schema";
import { receiveStripeWebhook } from "@/lib/orders/payment-events/webhook";
import { addMember, makeUser, useTestDb } from "@/tests/support/factories";
import { cdStock } from "@/tests/support/order-factories";
import {
  openStripeCheckout,
  orderTrail,
  signEvent,
  stripeEvent,
  useStripeStandIn,
  webhookRequest,
  type SignedEvent,
} from "@/tests/support/stripe-events";

const db = useTestDb();
const stripe = useStripeStandIn();

/** Stripe's POST to the endpoint, through the route handler the app serves. */
async function deliver(signed: SignedEvent | { payload: string; signature: string | null }) {
  const response = await POST(webhookRequest(signed.payload, signed.signature));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function paidSessionEvent(checkout: Awaited<ReturnType<typeof openStripeCheckout>>) {
  const { session } = stripe.pay(checkout.sessionId, { email: checkout.email });
  return signEvent(stripeEvent("checkout.session.completed", session));
}

describe("Stripe delivering the same payment many times", () => {
  it("one completed checkout sent 100 times at once makes one paid order, one grant, one receipt and one notice per member", async () => {
    const checkout = await openStripeCheckout(db, { cds: 2 });
    const drummer = await makeUser(db);
    await addMember(db, checkout.artist.id, drummer.id);
    expect(await cdStock(db, checkout.cd.id)).toBe(8);
    const event = await paidSessionEvent(checkout);

    const answers = await Promise.all(Array.from({ length: 100 }, () => deliver(event)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers.filter((a) => a.body.result === "applied")).toHaveLength(1);
    expect(answers.filter((a) => a.body.result === "already_applied")).toHaveLength(99);

    const trail = await orderTrail(db, checkout.order.id, [event.id]);
    expect(trail.order.status).toBe("paid");
    expect(trail.order.providerPaymentId).toMatch(/^pi_test_/);
    expect(trail.grants).toHaveLength(1);
    expect(trail.events).toHaveLength(1);
    expect(trail.events[0]).toMatchObject({ provider: "stripe", type: "checkout.session.completed" });
    expect(trail.emails).toEqual(
      [
        `receipt:${checkout.order.id}`,
        `notice:${checkout.order.id}:${checkout.owner.email}`,
        `notice:${checkout.order.id}:${drummer.email}`,
      ].sort(),
    );
    expect(trail.reservations).toEqual([{ status: "committed", quantity: 2 }]);
    expect(await cdStock(db, checkout.cd.id)).toBe(8);
  });
});

describe("a request that is not provably from Stripe", () => {
  it("is refused with 400 and writes nothing: forged body, wrong secret, stale timestamp, no signature", async () => {
    const checkout = await openStripeCheckout(db);
    const { session } = stripe.pay(checkout.sessionId, { email: checkout.email });
    const event = stripeEvent("checkout.session.completed", session);
    const genuine = signEvent(event);
    const forgedBody = genuine.payload.replace(`"payment_status": "paid"`, `"payment_status": "paid" `);
    const attempts = [
      { name: "forged body", payload: forgedBody, signature: genuine.signature },
      { name: "wrong secret", ...signEvent(event, { secret: "whsec_someone_else" }) },
      { name: "stale timestamp", ...signEvent(event, { timestamp: Math.floor(Date.now() / 1000) - 301 }) },
      { name: "garbage header", payload: genuine.payload, signature: "t=1,v1=deadbeef" },
      { name: "no header", payload: genuine.payload, signature: null },
    ];
    for (const attempt of attempts) {
      const answer = await deliver(attempt);
      expect({ name: attempt.name, status: answer.status }).toEqual({ name: attempt.name, status: 400 });
      expect(answer.body.error).toEqual(expect.any(String));
    }
    // Without a configured secret the function refuses too (never fails open).
    expect(await receiveStripeWebhook(db, genuine.payload, genuine.signature, "")).toMatchObject({
      status: 400,
      error: expect.stringMatching(/STRIPE_WEBHOOK_SECRET/),
    });

    const trail = await orderTrail(db, checkout.order.id, [event.id]);
    expect(trail.order.status).toBe("pending");
    expect(trail.order.providerPaymentId).toBeNull();
    expect(trail.events).toEqual([]);
    expect(trail.grants).toEqual([]);
    expect(trail.emails).toEqual([]);
    expect(trail.reservations).toEqual([{ status: "held", quantity: 1 }]);

    // The genuine delivery still works afterwards: nothing was half-recorded.
    expect(await deliver(genuine)).toEqual({ status: 200, body: { received: true, result: "applied" } });
  });

  it("accepts a signature made with the second of two configured secrets (Connect endpoint, rotation)", async () => {
    const event = stripeEvent("customer.created", { id: "cus_test_1", object: "customer" });
    const signed = signEvent(event, { secret: "whsec_connect" });
    expect(
      await receiveStripeWebhook(db, signed.payload, signed.signature, "whsec_platform, whsec_connect"),
    ).toMatchObject({ status: 200, result: "ignored" });
    expect(await receiveStripeWebhook(db, signed.payload, signed.signature, "whsec_platform")).toMatchObject({
      status: 400,
    });
  });
});

describe("an event whose effect fails", () => {
  it("answers 500 and does not record the event, so Stripe's retry applies it", async () => {
    const checkout = await openStripeCheckout(db);
    const event = await paidSessionEvent(checkout);
    // A real failure inside the transaction: the database refuses to touch this order.
    const fn = `test_refuse_${randomUUID().replace(/-/g, "")}`;
    await db.execute(
      sql.raw(
        `create function ${fn}() returns trigger language plpgsql as $$ begin raise exception 'order row refused by test'; end $$`,
      ),
    );
    await db.execute(
      sql.raw(
        `create trigger ${fn} before update on orders for each row when (old.id = '${checkout.order.id}') execute function ${fn}()`,
      ),
    );
    try {
      const failed = await deliver(event);
      expect(failed.status).toBe(500);
      expect(failed.body.error).toMatch(/Stripe will retry/);
      const trail = await orderTrail(db, checkout.order.id, [event.id]);
      expect(trail.events).toEqual([]);
      expect(trail.order.status).toBe("pending");
      expect(trail.grants).toEqual([]);
      expect(trail.emails).toEqual([]);
    } finally {
      await db.execute(sql.raw(`drop trigger ${fn} on orders`));
      await db.execute(sql.raw(`drop function ${fn}()`));
    }
    expect(await deliver(event)).toEqual({ status: 200, body: { received: true, result: "applied" } });
    const trail = await orderTrail(db, checkout.order.id, [event.id]);
    expect(trail.order.status).toBe("paid");
    expect(trail.events).toHaveLength(1);
    expect(trail.grants).toHaveLength(1);
  });
});

describe("events that are not for this shop", () => {
  it("acknowledges event types it does not handle without recording them", async () => {
    for (const type of ["payment_intent.succeeded", "customer.created", "payout.paid"]) {
      const event = signEvent(stripeEvent(type, { id: `obj_${randomUUID()}`, object: type.split(".")[0] }));
      expect(await deliver(event)).toEqual({ status: 200, body: { received: true, result: "ignored" } });
      expect(await db.select().from(paymentEvents).where(eq(paymentEvents.id, event.id))).toEqual([]);
    }
  });

  it("acknowledges a paid session that is not one of our orders (another integration's id), changing nothing", async () => {
    const foreign = {
      id: `cs_test_${randomUUID()}`,
      object: "checkout.session",
      status: "complete",
      payment_status: "paid",
      metadata: { orderId: "ord_7731" },
      client_reference_id: "ord_7731",
      payment_intent: "pi_test_foreign",
      amount_total: 500,
      customer_details: { email: "x@example.test" },
    };
    const unknown = {
      ...foreign,
      id: `cs_test_${randomUUID()}`,
      metadata: { orderId: randomUUID() },
      client_reference_id: null,
    };
    for (const session of [foreign, unknown]) {
      for (const type of [
        "checkout.session.completed",
        "checkout.session.expired",
        "checkout.session.async_payment_failed",
      ]) {
        const event = signEvent(stripeEvent(type, session));
        expect(await deliver(event)).toEqual({ status: 200, body: { received: true, result: "applied" } });
      }
    }
    const refund = signEvent(
      stripeEvent("charge.refunded", {
        id: "ch_test_foreign",
        object: "charge",
        amount: 500,
        amount_refunded: 500,
        payment_intent: "pi_test_foreign",
        metadata: { orderId: "ord_7731" },
      }),
    );
    expect(await deliver(refund)).toEqual({ status: 200, body: { received: true, result: "applied" } });
  });
});
