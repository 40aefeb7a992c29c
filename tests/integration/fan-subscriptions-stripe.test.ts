import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { fanSubscriptions } from "@/db/schema";
import { endLapsedFanSubscriptions, setFanCancel, startFanSubscription } from "@/lib/fan-subscriptions";
import { receiveStripeWebhook } from "@/lib/orders/payment-events/webhook";
import { feeFor } from "@/lib/plans";
import { useTestDb } from "@/tests/support/factories";
import {
  fanEmail,
  grantedTitles,
  makeSubscriptionBand,
  publishNow,
  subscriptionTrail,
} from "@/tests/support/fan-subscriptions";
import { signEvent, stripeEvent, useStripeStandIn, type SignedEvent } from "@/tests/support/stripe-events";

const db = useTestDb();
const stripe = useStripeStandIn();

type Obj = Record<string, unknown> & { id: string };

/** Signs one event from a connected account (`account`) and delivers it. */
async function send(type: string, object: Obj, account: string | undefined, created?: number) {
  const event = { ...stripeEvent(type, object, account ? { account } : {}), ...(created !== undefined && { created }) };
  const signed = signEvent(event);
  return { ...(await receiveStripeWebhook(db, signed.payload, signed.signature)), signed };
}
const redeliver = (signed: SignedEvent) => receiveStripeWebhook(db, signed.payload, signed.signature);

/** A fan who paid Stripe Checkout on the band's account; no event delivered yet. */
async function paidCheckout(options: { backCatalogue?: boolean } = {}) {
  // On Free, whose fee is not zero (Pro's is): publishNow(…, false) then publishes unlisted releases.
  const band = await makeSubscriptionBand(db, { account: true, plan: "free", ...options });
  const account = band.artist.payoutAccountId!;
  const email = fanEmail();
  const started = await startFanSubscription(db, { artist: band.artist, interval: "month", email, locale: "fr" });
  if (!started.ok) throw new Error(started.reason);
  const [row] = await db.select().from(fanSubscriptions).where(eq(fanSubscriptions.artistId, band.artist.id));
  const paid = stripe.billing.paySubscription(row.providerSessionId!);
  return { ...band, account, email, row, url: started.url, ...paid };
}

async function deliverPaid(p: Awaited<ReturnType<typeof paidCheckout>>) {
  for (const [type, object] of [
    ["checkout.session.completed", p.session],
    ["customer.subscription.created", p.subscription],
    ["invoice.paid", p.invoice],
  ] as const) {
    expect(await send(type, object, p.account)).toMatchObject({ status: 200, result: "applied" });
  }
}

describe("fan subscriptions through Stripe Billing on the band's connected account", () => {
  it("opens Checkout on the band's account with the platform's fee and an idempotency key", async () => {
    const p = await paidCheckout();
    expect(p.url).toMatch(/^https:\/\/checkout\.stripe\.test\//);
    const [request] = stripe
      .requestsTo("POST", "/v1/checkout/sessions")
      .filter((r) => r.body.client_reference_id === p.row.id);
    const { basisPoints } = await feeFor(db, p.artist.id);
    expect(basisPoints).toBeGreaterThan(0);
    expect(request.headers["stripe-account"]).toBe(p.account);
    expect(request.headers["idempotency-key"]).toBe(`fan-sub-checkout-${p.row.id}`);
    expect(request.body).toMatchObject({
      mode: "subscription",
      customer_email: p.email,
      locale: "fr",
      metadata: { artistId: p.artist.id, fanSubscriptionId: p.row.id },
      subscription_data: {
        metadata: { artistId: p.artist.id, fanSubscriptionId: p.row.id },
        application_fee_percent: String(basisPoints / 100),
      },
      line_items: [{ quantity: "1", price_data: { unit_amount: "500", recurring: { interval: "month" } } }],
    });
    expect(p.row).toMatchObject({ status: "incomplete", provider: "stripe", feeBasisPoints: basisPoints });
  });

  it("a paid checkout activates once and grants the back catalogue, whatever the order and however often events come", async () => {
    const p = await paidCheckout({ backCatalogue: true });
    // The invoice first: Stripe promises no order.
    const invoice = await send("invoice.paid", p.invoice, p.account);
    expect(invoice).toMatchObject({ status: 200, result: "applied" });
    const checkout = await send("checkout.session.completed", p.session, p.account);
    const created = await send("customer.subscription.created", p.subscription, p.account);
    const trail = await subscriptionTrail(db, p.row.id);
    expect(trail.sub).toMatchObject({
      status: "active",
      providerSubscriptionId: p.subscription.id,
      providerCustomerId: p.session.customer,
    });
    expect(trail.titles).toEqual(["Old One"]);
    expect(trail.invoices).toEqual([{ id: p.invoice.id, status: "paid", amount: 500, fee: 50 }]);
    expect(trail.mails).toEqual(["welcome"]);
    for (const signed of [invoice.signed, checkout.signed, created.signed]) {
      expect(await redeliver(signed)).toMatchObject({ status: 200, result: "already_applied" });
    }
    // The same facts under new event ids change nothing either.
    await deliverPaid(p);
    expect(await subscriptionTrail(db, p.row.id)).toEqual(trail);
  });

  it("ignores an event naming our subscription from another account, or from none", async () => {
    const p = await paidCheckout();
    for (const account of ["acct_test_someone_else", undefined]) {
      expect(await send("invoice.paid", p.invoice, account)).toMatchObject({ status: 200, result: "applied" });
    }
    const trail = await subscriptionTrail(db, p.row.id);
    expect(trail.sub.status).toBe("incomplete");
    expect(trail.invoices).toEqual([]);
    expect(trail.grants).toBe(0);
  });

  it("a refused renewal starts the grace period, its retry restores it, the end grants nothing new", async () => {
    const p = await paidCheckout();
    await deliverPaid(p);
    const failed = stripe.billing.renew(p.subscription.id, "failed");
    await send("invoice.payment_failed", failed.invoice, p.account);
    await send("customer.subscription.updated", failed.subscription, p.account);
    let trail = await subscriptionTrail(db, p.row.id);
    expect(trail.sub).toMatchObject({ status: "past_due", graceEndsAt: expect.any(Date) });
    await publishNow(db, p.artist.id, "During Grace", false);
    const retried = stripe.billing.payInvoice(failed.invoice.id);
    await send("invoice.paid", retried.invoice, p.account);
    trail = await subscriptionTrail(db, p.row.id);
    expect(trail.sub).toMatchObject({ status: "active", pastDueSince: null });
    expect(trail.invoices.map((i) => i.status)).toEqual(["paid", "paid"]);

    // The fan cancels from the library: Stripe is told on the band's account, access runs to the period's end.
    expect(await setFanCancel(db, { subscriptionId: p.row.id, email: p.email, cancel: true })).toEqual({ ok: true });
    const [update] = stripe.requestsTo("POST", `/v1/subscriptions/${p.subscription.id}`);
    expect(update.headers["stripe-account"]).toBe(p.account);
    expect(update.body).toMatchObject({ cancel_at_period_end: "true" });
    expect((await subscriptionTrail(db, p.row.id)).sub.cancelAtPeriodEnd).toBe(true);

    const ended = stripe.billing.cancel(p.subscription.id, "now");
    const deleted = await send("customer.subscription.deleted", ended, p.account);
    // An older "active" update arriving after the deletion is stale.
    expect(deleted).toMatchObject({ status: 200, result: "applied" });
    await send(
      "customer.subscription.updated",
      { ...ended, status: "active" },
      p.account,
      Number(deleted.signed.payload.match(/"created": (\d+)/)![1]) - 60,
    );
    await publishNow(db, p.artist.id, "After The End", false);
    trail = await subscriptionTrail(db, p.row.id);
    expect(trail.sub.status).toBe("canceled");
    expect(trail.titles).toEqual(["During Grace"]);
    expect(trail.mails).toEqual(["ended", "failed", "welcome"]);
  });

  it("the grace-end chore ends a lapsed subscription and cancels it at Stripe on the band's account", async () => {
    const p = await paidCheckout();
    await deliverPaid(p);
    const failed = stripe.billing.renew(p.subscription.id, "failed");
    await send("invoice.payment_failed", failed.invoice, p.account);
    await db
      .update(fanSubscriptions)
      .set({ graceEndsAt: new Date(Date.now() - 1000) })
      .where(eq(fanSubscriptions.id, p.row.id));
    expect(await endLapsedFanSubscriptions(db)).toBe(1);
    const [cancel] = stripe.requestsTo("DELETE", `/v1/subscriptions/${p.subscription.id}`);
    expect(cancel.headers["stripe-account"]).toBe(p.account);
    // Stripe's own deletion event then changes nothing.
    const before = await subscriptionTrail(db, p.row.id);
    await send("customer.subscription.deleted", stripe.billing.subscriptions.get(p.subscription.id)!, p.account);
    expect(await subscriptionTrail(db, p.row.id)).toEqual(before);
    expect(before.sub.status).toBe("canceled");
    expect(await grantedTitles(db, p.row.id)).toEqual([]);
  });
});
