import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { planSubscriptions } from "@/db/schema";
import { endLapsedGrace, openBillingPortal, remindGraceEnding, startUpgrade } from "@/lib/billing";
import { receiveStripeWebhook } from "@/lib/orders/payment-events/webhook";
import { billingTrail, makeBillingBand } from "@/tests/support/billing";
import { useTestDb } from "@/tests/support/factories";
import { signEvent, stripeEvent, useStripeStandIn, type SignedEvent } from "@/tests/support/stripe-events";

const db = useTestDb();
const stripe = useStripeStandIn();
const DAY = 86_400_000;

type Obj = Record<string, unknown> & { id: string };
/** Signs one event (created at `created` seconds when given) and delivers it. */
async function send(type: string, object: Obj, created?: number) {
  const event = { ...stripeEvent(type, object), ...(created !== undefined && { created }) };
  const signed = signEvent(event);
  return { ...(await receiveStripeWebhook(db, signed.payload, signed.signature)), signed };
}
const redeliver = (signed: SignedEvent) => receiveStripeWebhook(db, signed.payload, signed.signature);

/** A band that went through Checkout and paid; events not sent yet. */
async function paidCheckout(interval: "year" | "month" = "year") {
  const band = await makeBillingBand(db);
  const started = await startUpgrade(db, {
    artist: band.artist,
    interval,
    email: band.owner.email,
    locale: "en",
    actor: band.actor,
  });
  if (!started.ok) throw new Error(started.reason);
  const [row] = await db.select().from(planSubscriptions).where(eq(planSubscriptions.artistId, band.artist.id));
  const paid = stripe.billing.paySubscription(row.providerSessionId!);
  return { ...band, row, ...paid, url: started.url };
}

/** The three events of a paid checkout, in Stripe's usual order. */
async function deliverPaid(p: Awaited<ReturnType<typeof paidCheckout>>) {
  const signed: SignedEvent[] = [];
  for (const [type, object] of [
    ["checkout.session.completed", p.session],
    ["customer.subscription.created", p.subscription],
    ["invoice.paid", p.invoice],
  ] as const) {
    const result = await send(type, object);
    expect(result).toMatchObject({ status: 200, result: "applied" });
    signed.push(result.signed);
  }
  return signed;
}

describe("upgrading to Pro through Stripe Billing", () => {
  it("opens Checkout in subscription mode with the band's row in its metadata and an idempotency key", async () => {
    const p = await paidCheckout("month");
    expect(p.url).toMatch(/^https:\/\/checkout\.stripe\.test\//);
    const [request] = stripe
      .requestsTo("POST", "/v1/checkout/sessions")
      .filter((r) => r.body.client_reference_id === p.row.id);
    expect(request.body).toMatchObject({
      mode: "subscription",
      customer_email: p.owner.email,
      metadata: { artistId: p.artist.id, planSubscriptionId: p.row.id },
      subscription_data: { metadata: { artistId: p.artist.id, planSubscriptionId: p.row.id } },
      line_items: [
        {
          quantity: "1",
          price_data: {
            currency: "eur",
            unit_amount: "300",
            recurring: { interval: "month" },
            product_data: { name: "Merchtable Pro" },
          },
        },
      ],
    });
    expect(String(request.body.success_url)).toMatch(new RegExp(`/dashboard/${p.artist.slug}/plan\\?checkout=done$`));
    expect(String(request.body.cancel_url)).toMatch(/\/plan\?checkout=canceled$/);
    expect(request.headers["idempotency-key"]).toBe(`plan-checkout-${p.row.id}`);
    expect(p.row).toMatchObject({ status: "incomplete", provider: "stripe", amount: 300, interval: "month" });
    const trail = await billingTrail(db, p.artist.id);
    expect(trail.audit).toEqual([{ action: "billing.subscribe", actor: "member" }]);
  });

  it("a paid checkout makes the band Pro with one paid invoice, however often and in whatever order the events come", async () => {
    const p = await paidCheckout();
    // The invoice first, then the checkout, then the subscription: Stripe promises no order.
    const invoice = await send("invoice.paid", p.invoice);
    expect(invoice).toMatchObject({ status: 200, result: "applied" });
    let trail = await billingTrail(db, p.artist.id);
    expect(trail.plan).toBe("pro");
    expect(trail.subscriptions[0]).toMatchObject({ status: "active", providerSubscriptionId: p.subscription.id });
    const checkout = await send("checkout.session.completed", p.session);
    const created = await send("customer.subscription.created", p.subscription);
    trail = await billingTrail(db, p.artist.id);
    expect(trail.subscriptions[0]).toMatchObject({
      status: "active",
      providerCustomerId: p.session.customer,
      currentPeriodEnd: new Date(
        Number((p.invoice.lines as { data: { period: { end: number } }[] }).data[0].period.end) * 1000,
      ),
    });
    expect(trail.invoices).toEqual([expect.objectContaining({ id: p.invoice.id, status: "paid" })]);
    expect(trail.audit.map((a) => a.action)).toEqual(["billing.subscribe", "plan.change"]);

    for (const signed of [invoice.signed, checkout.signed, created.signed]) {
      expect(await redeliver(signed)).toMatchObject({ status: 200, result: "already_applied" });
    }
    // The same facts under new event ids (Stripe resending after a lost answer) change nothing either.
    await deliverPaid(p);
    expect(await billingTrail(db, p.artist.id)).toEqual(trail);
  });

  it("refuses a second upgrade while a subscription runs, and opens the customer portal for it", async () => {
    const p = await paidCheckout();
    await deliverPaid(p);
    expect(
      await startUpgrade(db, {
        artist: p.artist,
        interval: "year",
        email: p.owner.email,
        locale: "en",
        actor: p.actor,
      }),
    ).toEqual({
      ok: false,
      reason: "already_pro",
    });
    const portal = await openBillingPortal(db, p.artist);
    expect(portal).toMatchObject({ ok: true, url: expect.stringMatching(/^https:\/\/billing\.stripe\.test\//) });
    const [request] = stripe
      .requestsTo("POST", "/v1/billing_portal/sessions")
      .filter((r) => r.body.customer === p.session.customer);
    expect(String(request.body.return_url)).toMatch(new RegExp(`/dashboard/${p.artist.slug}/plan$`));
    expect(request.headers["idempotency-key"]).toMatch(/^plan-portal-/);
  });
});

describe("renewals", () => {
  it("a paid renewal moves the period end and adds an invoice, once", async () => {
    const p = await paidCheckout();
    await deliverPaid(p);
    const before = (await billingTrail(db, p.artist.id)).subscriptions[0].currentPeriodEnd!;
    const renewal = stripe.billing.renew(p.subscription.id, "paid");
    const paid = await send("invoice.paid", renewal.invoice);
    await send("customer.subscription.updated", renewal.subscription);
    const trail = await billingTrail(db, p.artist.id);
    expect(trail.subscriptions[0].currentPeriodEnd!.getTime()).toBeGreaterThan(before.getTime() + 300 * DAY);
    expect(trail.invoices.map((i) => i.status)).toEqual(["paid", "paid"]);
    expect(await redeliver(paid.signed)).toMatchObject({ result: "already_applied" });
    // The first period's invoice arriving again late does not move the period back.
    await send("invoice.paid", p.invoice);
    expect(await billingTrail(db, p.artist.id)).toEqual(trail);
  });

  it("a failed renewal keeps Pro for 14 days, mails the owners, reminds them, then the chore moves the band to Free", async () => {
    const p = await paidCheckout();
    await deliverPaid(p);
    const failed = stripe.billing.renew(p.subscription.id, "failed");
    const failure = await send("invoice.payment_failed", failed.invoice);
    await send("customer.subscription.updated", failed.subscription);
    let trail = await billingTrail(db, p.artist.id);
    const sub = trail.subscriptions[0];
    expect(trail.plan).toBe("pro");
    expect(sub.status).toBe("past_due");
    expect(sub.graceEndsAt!.getTime() - sub.pastDueSince!.getTime()).toBe(14 * DAY);
    expect(trail.emails).toEqual([`billing:failed:${sub.id}:${sub.pastDueSince!.toISOString()}:${p.owner.email}`]);
    // The first period's invoice.paid arriving late does not clear the failure of the next.
    await send("invoice.paid", p.invoice);
    expect(await redeliver(failure.signed)).toMatchObject({ result: "already_applied" });
    expect(await billingTrail(db, p.artist.id)).toEqual(trail);

    const now = Date.now();
    await remindGraceEnding(db, new Date(now + 5 * DAY));
    expect((await billingTrail(db, p.artist.id)).emails).toHaveLength(1);
    await remindGraceEnding(db, new Date(now + 12 * DAY));
    await remindGraceEnding(db, new Date(now + 12 * DAY));
    await endLapsedGrace(db, new Date(now + 13 * DAY));
    expect((await billingTrail(db, p.artist.id)).plan).toBe("pro");
    await endLapsedGrace(db, new Date(now + 15 * DAY));
    await endLapsedGrace(db, new Date(now + 15 * DAY));
    trail = await billingTrail(db, p.artist.id);
    expect(trail.plan).toBe("free");
    expect(trail.listed).toEqual(["newer"]);
    expect(trail.emails.map((key) => key.split(":")[1])).toEqual(["downgraded", "failed", "grace-ending"]);

    // Stripe's retry of the invoice succeeds: the grace is over and Pro is back, every release listable again.
    const retried = stripe.billing.payInvoice(failed.invoice.id);
    await send("invoice.paid", retried.invoice);
    trail = await billingTrail(db, p.artist.id);
    expect(trail.plan).toBe("pro");
    expect(trail.subscriptions[0]).toMatchObject({ status: "active", pastDueSince: null, graceEndsAt: null });
    expect(trail.invoices.map((i) => i.status)).toEqual(["paid", "paid"]);
    // The failure delivered again (a new event id, older news) does not undo the payment.
    await send("invoice.payment_failed", failed.invoice);
    expect((await billingTrail(db, p.artist.id)).subscriptions[0].status).toBe("active");
  });

  it("a payment within the grace period ends it without a downgrade", async () => {
    const p = await paidCheckout();
    await deliverPaid(p);
    const failed = stripe.billing.renew(p.subscription.id, "failed");
    await send("invoice.payment_failed", failed.invoice);
    await send("invoice.paid", stripe.billing.payInvoice(failed.invoice.id).invoice);
    await endLapsedGrace(db, new Date(Date.now() + 30 * DAY));
    const trail = await billingTrail(db, p.artist.id);
    expect(trail).toMatchObject({ plan: "pro", listed: ["newer", "older"] });
    expect(trail.subscriptions[0].status).toBe("active");
  });
});

describe("cancellation", () => {
  it("a cancellation in the portal is shown, the band stays Pro until the subscription is deleted, then goes Free", async () => {
    const p = await paidCheckout();
    await deliverPaid(p);
    const created = Math.floor(Date.now() / 1000) + 10;
    await send("customer.subscription.updated", stripe.billing.cancel(p.subscription.id, "period_end"), created);
    let trail = await billingTrail(db, p.artist.id);
    expect(trail.subscriptions[0]).toMatchObject({ status: "active", cancelAtPeriodEnd: true });
    expect(trail.plan).toBe("pro");
    // An older update (before the cancellation) delivered late changes nothing.
    const stale = { ...p.subscription, cancel_at_period_end: false };
    await send("customer.subscription.updated", stale, created - 5);
    expect(await billingTrail(db, p.artist.id)).toEqual(trail);

    const deleted = await send(
      "customer.subscription.deleted",
      stripe.billing.cancel(p.subscription.id, "now"),
      created + 10,
    );
    trail = await billingTrail(db, p.artist.id);
    expect(trail.plan).toBe("free");
    expect(trail.listed).toEqual(["newer"]);
    expect(trail.subscriptions[0]).toMatchObject({ status: "canceled", cancelAtPeriodEnd: false });
    expect(trail.audit.map((a) => a.action)).toEqual([
      "billing.subscribe",
      "plan.change",
      "billing.cancel",
      "plan.change",
    ]);
    expect(trail.emails.map((key) => key.split(":")[1])).toEqual(["ended"]);

    // After the deletion: the replay, a late "active" update (even a newer one) and a late paid invoice change nothing.
    expect(await redeliver(deleted.signed)).toMatchObject({ result: "already_applied" });
    await send(
      "customer.subscription.updated",
      { ...p.subscription, status: "active", cancel_at_period_end: false },
      created + 20,
    );
    await send("invoice.paid", p.invoice);
    expect(await billingTrail(db, p.artist.id)).toEqual(trail);
  });
});
