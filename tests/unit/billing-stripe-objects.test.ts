import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import {
  invoiceFacts,
  invoiceRef,
  periodEndOf,
  standingOf,
  subscriptionCheckoutRef,
} from "@/lib/billing/stripe-events/objects";

const invoice = (over: Record<string, unknown> = {}) =>
  ({
    id: "in_1",
    amount_paid: 2900,
    amount_due: 2900,
    currency: "eur",
    period_end: 1_700_000_000,
    status_transitions: { paid_at: 1_700_000_100 },
    parent: {
      type: "subscription_details",
      subscription_details: { subscription: "sub_1", metadata: { planSubscriptionId: "ps_1" } },
    },
    lines: { data: [{ period: { start: 1_700_000_000, end: 1_731_536_000 } }] },
    ...over,
  }) as unknown as Stripe.Invoice;

describe("reading Stripe Billing objects", () => {
  it("an invoice names its subscription and our row through parent.subscription_details", () => {
    expect(invoiceRef(invoice())).toEqual({ providerSubscriptionId: "sub_1", planSubscriptionId: "ps_1" });
    expect(invoiceRef(invoice({ parent: null }))).toBeNull();
  });

  it("an invoice pays for its line's period, not the invoice's own period_end (the period before)", () => {
    const facts = invoiceFacts(invoice(), new Date(0), true);
    expect(facts.periodEnd).toEqual(new Date(1_731_536_000_000));
    expect(facts.at).toEqual(new Date(1_700_000_100_000));
    expect(invoiceFacts(invoice({ amount_paid: 0 }), new Date(5), false)).toMatchObject({
      amount: 2900,
      at: new Date(5),
    });
  });

  it("a subscription's period end is on its items; its status maps to ours", () => {
    const sub = { items: { data: [{ current_period_end: 1_731_536_000 }] } } as unknown as Stripe.Subscription;
    expect(periodEndOf(sub)).toEqual(new Date(1_731_536_000_000));
    expect(
      ["active", "trialing", "past_due", "unpaid", "canceled", "incomplete_expired", "incomplete"].map((s) =>
        standingOf(s),
      ),
    ).toEqual(["active", "active", "past_due", "past_due", "canceled", "canceled", "other"]);
  });

  it("a subscription checkout finds our row by metadata, else by client_reference_id", () => {
    const session = (over: Record<string, unknown>) =>
      ({
        subscription: { id: "sub_2" },
        metadata: {},
        client_reference_id: "ps_ref",
        ...over,
      }) as unknown as Stripe.Checkout.Session;
    expect(subscriptionCheckoutRef(session({}))).toEqual({
      providerSubscriptionId: "sub_2",
      planSubscriptionId: "ps_ref",
    });
    expect(subscriptionCheckoutRef(session({ metadata: { planSubscriptionId: "ps_meta" } })).planSubscriptionId).toBe(
      "ps_meta",
    );
  });
});
