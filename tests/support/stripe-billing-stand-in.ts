import { randomBytes } from "node:crypto";

/**
 * The Stripe Billing part of the stand-in (tests/support/stripe-stand-in.ts): a subscription
 * Checkout Session paid, its Subscription and Invoices, renewals that succeed or fail, a
 * cancellation, and Billing Portal sessions. Objects are shaped like API 2025-03-31 and later
 * (invoice.parent.subscription_details, items[].current_period_end).
 */
type StripeObject = Record<string, unknown> & { id: string };
type Answer = { status: number; body: unknown };
type Params = Record<string, unknown>;

const id = (prefix: string) => `${prefix}_test_${randomBytes(10).toString("hex")}`;
const now = () => Math.floor(Date.now() / 1000);
const DAY = 86_400;

export function createBillingStandIn(sessions: Map<string, StripeObject>) {
  const customers = new Map<string, StripeObject>();
  const subscriptions = new Map<string, StripeObject>();
  const invoices = new Map<string, StripeObject>();
  /** What each subscription session asked for, kept aside: Stripe does not echo subscription_data. */
  const asked = new Map<string, { interval: string; amount: number; currency: string; metadata: Params }>();

  function sessionCreated(session: StripeObject, body: Params) {
    if (body.mode !== "subscription") return;
    const price = ((body.line_items as Params[])[0].price_data ?? {}) as Params;
    asked.set(session.id, {
      interval: String((price.recurring as Params | undefined)?.interval ?? "month"),
      amount: Number(price.unit_amount),
      currency: String(price.currency),
      metadata: ((body.subscription_data as Params | undefined)?.metadata ?? {}) as Params,
    });
  }

  function periodEnd(start: number, interval: string) {
    return start + (interval === "year" ? 365 : 30) * DAY;
  }

  function invoiceFor(subscription: StripeObject, start: number, paid: boolean): StripeObject {
    const item = (subscription.items as { data: Params[] }).data[0];
    const amount = Number(item.amount);
    const invoice: StripeObject = {
      id: id("in"),
      object: "invoice",
      customer: subscription.customer,
      currency: item.currency,
      amount_due: amount,
      amount_paid: paid ? amount : 0,
      status: paid ? "paid" : "open",
      status_transitions: { paid_at: paid ? now() : null },
      parent: {
        type: "subscription_details",
        subscription_details: { subscription: subscription.id, metadata: subscription.metadata },
      },
      lines: { object: "list", data: [{ period: { start, end: periodEnd(start, String(item.interval)) } }] },
      created: now(),
    };
    invoices.set(invoice.id, invoice);
    return invoice;
  }

  function route(method: string, path: string, body: Params): Answer | null {
    // A fan's cancel / resume (POST with cancel_at_period_end) and the end of a lapsed grace period (DELETE).
    const subscriptionPath = path.match(/^\/v1\/subscriptions\/([^/]+)$/);
    if (subscriptionPath && (method === "POST" || method === "DELETE")) {
      const subscription = subscriptions.get(subscriptionPath[1]);
      if (!subscription) {
        return {
          status: 404,
          body: { error: { type: "invalid_request_error", message: `No such subscription: '${subscriptionPath[1]}'` } },
        };
      }
      if (method === "DELETE") Object.assign(subscription, { status: "canceled", canceled_at: now(), ended_at: now() });
      else if (body.cancel_at_period_end !== undefined) {
        const cancel = body.cancel_at_period_end === "true";
        Object.assign(subscription, { cancel_at_period_end: cancel, canceled_at: cancel ? now() : null });
      }
      return { status: 200, body: subscription };
    }
    if (method === "POST" && path === "/v1/billing_portal/sessions") {
      if (!customers.has(String(body.customer))) {
        return {
          status: 404,
          body: { error: { type: "invalid_request_error", message: `No such customer: '${body.customer}'` } },
        };
      }
      const portal = {
        id: id("bps"),
        object: "billing_portal.session",
        customer: body.customer,
        return_url: body.return_url,
        url: `https://billing.stripe.test/p/session/${randomBytes(8).toString("hex")}`,
        created: now(),
      };
      return { status: 200, body: portal };
    }
    return null;
  }

  return {
    customers,
    subscriptions,
    invoices,
    sessionCreated,
    route,
    /** The band pays the subscription checkout: a customer, an active subscription, its first invoice paid. */
    paySubscription(sessionId: string) {
      const session = sessions.get(sessionId)!;
      const plan = asked.get(sessionId)!;
      const customer: StripeObject = { id: id("cus"), object: "customer", email: session.customer_email };
      customers.set(customer.id, customer);
      const start = now();
      const subscription: StripeObject = {
        id: id("sub"),
        object: "subscription",
        customer: customer.id,
        status: "active",
        cancel_at_period_end: false,
        cancel_at: null,
        canceled_at: null,
        metadata: plan.metadata,
        items: {
          object: "list",
          data: [
            {
              id: id("si"),
              current_period_start: start,
              current_period_end: periodEnd(start, plan.interval),
              amount: plan.amount,
              currency: plan.currency,
              interval: plan.interval,
            },
          ],
        },
        created: start,
      };
      subscriptions.set(subscription.id, subscription);
      Object.assign(session, {
        status: "complete",
        payment_status: "paid",
        customer: customer.id,
        subscription: subscription.id,
      });
      return { session, subscription, invoice: invoiceFor(subscription, start, true) };
    },
    /** The next period's invoice: paid (a renewal) or refused (the subscription goes past due). */
    renew(subscriptionId: string, outcome: "paid" | "failed") {
      const subscription = subscriptions.get(subscriptionId)!;
      const item = (subscription.items as { data: Params[] }).data[0];
      const start = Number(item.current_period_end);
      const invoice = invoiceFor(subscription, start, outcome === "paid");
      if (outcome === "paid") {
        item.current_period_start = start;
        item.current_period_end = periodEnd(start, String(item.interval));
        subscription.status = "active";
      } else subscription.status = "past_due";
      return { subscription, invoice };
    },
    /** Stripe's retry of a refused invoice succeeds. */
    payInvoice(invoiceId: string) {
      const invoice = invoices.get(invoiceId)!;
      Object.assign(invoice, {
        status: "paid",
        amount_paid: invoice.amount_due,
        status_transitions: { paid_at: now() },
      });
      const subscriptionId = (invoice.parent as { subscription_details: { subscription: string } }).subscription_details
        .subscription;
      const subscription = subscriptions.get(subscriptionId)!;
      const item = (subscription.items as { data: Params[] }).data[0];
      const end = (invoice.lines as { data: { period: { end: number } }[] }).data[0].period.end;
      item.current_period_end = Math.max(Number(item.current_period_end), end);
      subscription.status = "active";
      return { invoice, subscription };
    },
    /** In the portal: cancel at the period's end (or take it back); `now` ends it (customer.subscription.deleted). */
    cancel(subscriptionId: string, how: "period_end" | "resume" | "now") {
      const subscription = subscriptions.get(subscriptionId)!;
      if (how === "now") Object.assign(subscription, { status: "canceled", canceled_at: now(), ended_at: now() });
      else
        Object.assign(subscription, {
          cancel_at_period_end: how === "period_end",
          canceled_at: how === "period_end" ? now() : null,
        });
      return subscription;
    },
  };
}
