import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { artists } from "@/db/schema";
import { startPayoutOnboarding, syncPayoutStatus } from "@/lib/payments/connect";
import { createStripeProvider } from "@/lib/payments/stripe";
import { newStripeClient } from "@/lib/payments/stripe-client";
import type { CheckoutRequest, PaymentProvider } from "@/lib/payments/types";
import { makeArtist, makeUser, useTestDb } from "@/tests/support/factories";
import { startStripeStandIn, type Params, type StripeStandIn } from "@/tests/support/stripe-stand-in";

const db = useTestDb();
let stripe: StripeStandIn;
let provider: PaymentProvider;
let taxedProvider: PaymentProvider;
const settings = (tax: boolean) => ({
  STRIPE_SECRET_KEY: "sk_test_standin",
  STRIPE_API_URL: stripe.url,
  STRIPE_TAX: tax,
});

beforeAll(async () => {
  stripe = await startStripeStandIn();
  provider = createStripeProvider(settings(false));
  taxedProvider = createStripeProvider(settings(true));
});
afterAll(() => stripe.close());

const inHalfAnHour = () => new Date(Date.now() + 31 * 60_000);

function cdOrder(overrides: Partial<CheckoutRequest> = {}): CheckoutRequest {
  return {
    orderId: randomUUID(),
    currency: "EUR",
    lines: [
      { name: "Night Drive (CD)", unitAmount: 1200, quantity: 2, physical: true },
      { name: "Night Drive (album)", unitAmount: 800, quantity: 1 },
    ],
    shippingAmount: 450,
    shippingCountry: "DE",
    email: "fan@example.test",
    destinationAccountId: "acct_test_band",
    applicationFee: 365,
    successUrl: "http://localhost:3000/checkout/success?order=o1&session={CHECKOUT_SESSION_ID}",
    cancelUrl: "http://localhost:3000/demo-band/cart",
    expiresAt: inHalfAnHour(),
    locale: "fr",
    ...overrides,
  };
}

/** What the stand-in received for the last session created for this order. */
function sessionRequest(orderId: string) {
  const found = stripe
    .requestsTo("POST", "/v1/checkout/sessions")
    .filter((r) => (r.body.metadata as Params).orderId === orderId);
  expect(found.length).toBeGreaterThan(0);
  return found[found.length - 1];
}

describe("a fan checking out through Stripe", () => {
  it("pays the band's connected account, keeps the platform fee and asks where to ship the CD", async () => {
    const request = cdOrder();
    const session = await provider.createCheckout(request);
    expect(session.url).toMatch(/^https:\/\/checkout\.stripe\.test\//);

    const sent = sessionRequest(request.orderId);
    expect(sent.headers["idempotency-key"]).toBe(`checkout:${request.orderId}`);
    expect(sent.headers.authorization).toBe("Bearer sk_test_standin");
    expect(sent.body).toMatchObject({
      mode: "payment",
      client_reference_id: request.orderId,
      customer_email: "fan@example.test",
      locale: "fr",
      success_url: request.successUrl,
      cancel_url: request.cancelUrl,
      line_items: [
        {
          quantity: "2",
          price_data: { currency: "eur", unit_amount: "1200", product_data: { name: "Night Drive (CD)" } },
        },
        {
          quantity: "1",
          price_data: { currency: "eur", unit_amount: "800", product_data: { name: "Night Drive (album)" } },
        },
      ],
      payment_intent_data: {
        application_fee_amount: "365",
        transfer_data: { destination: "acct_test_band" },
        metadata: { orderId: request.orderId },
      },
      shipping_address_collection: { allowed_countries: ["DE"] },
      shipping_options: [
        { shipping_rate_data: { type: "fixed_amount", fixed_amount: { amount: "450", currency: "eur" } } },
      ],
    });
    expect(sent.body.automatic_tax).toBeUndefined();
    expect(Number(sent.body.expires_at)).toBe(Math.floor(request.expiresAt.getTime() / 1000));
    expect(session.expiresAt?.getTime()).toBe(Math.floor(request.expiresAt.getTime() / 1000) * 1000);
  });

  it("lets Stripe Tax find the VAT within the prices when STRIPE_TAX=1, downloads taxed as digital audio", async () => {
    const request = cdOrder();
    await taxedProvider.createCheckout(request);
    const sent = sessionRequest(request.orderId);
    expect(sent.body.automatic_tax).toEqual({ enabled: "true" });
    const lines = sent.body.line_items as Params[];
    expect(lines.every((line) => (line.price_data as Params).tax_behavior === "inclusive")).toBe(true);
    expect(lines.map((line) => ((line.price_data as Params).product_data as Params).tax_code)).toEqual([
      "txcd_99999999",
      "txcd_10401100",
    ]);
    const shippingRate = (sent.body.shipping_options as Params[])[0].shipping_rate_data as Params;
    expect(shippingRate).toMatchObject({ tax_behavior: "inclusive", tax_code: "txcd_92010001" });
  });

  it("asks for no address when only downloads are bought", async () => {
    const request = cdOrder({
      lines: [{ name: "Night Drive (album)", unitAmount: 800, quantity: 1 }],
      shippingAmount: 0,
      shippingCountry: null,
    });
    await provider.createCheckout(request);
    const sent = sessionRequest(request.orderId);
    expect(sent.body.shipping_address_collection).toBeUndefined();
    expect(sent.body.shipping_options).toBeUndefined();
  });

  it("gives the session at least the 30 minutes Stripe demands, even when the order was opened a moment ago", async () => {
    const request = cdOrder({ expiresAt: new Date(Date.now() + 30 * 60_000 - 5_000) });
    const session = await provider.createCheckout(request);
    const expiresAt = Number(sessionRequest(request.orderId).body.expires_at);
    expect(expiresAt * 1000).toBeGreaterThanOrEqual(Date.now() + 30 * 60_000);
    expect(expiresAt * 1000).toBeLessThan(Date.now() + 32 * 60_000);
    expect(session.expiresAt?.getTime()).toBe(expiresAt * 1000);
  });

  it("opens the same session when the same order is sent twice (double click, retry)", async () => {
    const request = cdOrder();
    const first = await provider.createCheckout(request);
    const second = await provider.createCheckout(request);
    expect(second.sessionId).toBe(first.sessionId);
    expect(
      [...stripe.sessions.values()].filter((s) => (s.metadata as Params).orderId === request.orderId),
    ).toHaveLength(1);
    expect(
      stripe
        .requestsTo("POST", "/v1/checkout/sessions")
        .filter((r) => r.headers["idempotency-key"] === `checkout:${request.orderId}`),
    ).toHaveLength(2);
  });

  it("refuses to open a checkout whose money would have nowhere to go", async () => {
    const before = stripe.requests.length;
    await expect(provider.createCheckout(cdOrder({ destinationAccountId: null }))).rejects.toThrow(
      /no connected payout account/,
    );
    expect(stripe.requests.length).toBe(before);
  });
});

describe("what the success page learns from Stripe", () => {
  it("follows a session from open to paid, with the address, tax and total Stripe collected", async () => {
    const request = cdOrder();
    const { sessionId } = await taxedProvider.createCheckout(request);
    expect(await provider.getCheckoutState(sessionId)).toEqual({ status: "open" });

    const shipping = {
      name: "Ada Fan",
      address: { line1: "Torstraße 1", line2: null, postal_code: "10119", city: "Berlin", state: null, country: "DE" },
    };
    const { intent } = stripe.pay(sessionId, { email: "ada@example.test", tax: 608, shipping });
    expect(await provider.getCheckoutState(sessionId)).toEqual({
      status: "paid",
      confirmation: {
        paymentId: intent.id,
        email: "ada@example.test",
        shippingAddress: { name: "Ada Fan", line1: "Torstraße 1", postalCode: "10119", city: "Berlin", country: "DE" },
        tax: 608,
        total: 1200 * 2 + 800 + 450,
      },
    });
    const retrieve = stripe.requestsTo("GET", `/v1/checkout/sessions/${sessionId}`).at(-1)!;
    expect(retrieve.query.expand).toEqual(["payment_intent"]);
  });

  it("says processing while a bank debit is on its way, failed when it bounces, expired when nobody paid", async () => {
    const slow = await provider.createCheckout(cdOrder());
    stripe.pay(slow.sessionId, { paymentStatus: "unpaid" });
    expect(await provider.getCheckoutState(slow.sessionId)).toEqual({ status: "processing" });
    stripe.failDelayedPayment(slow.sessionId);
    expect(await provider.getCheckoutState(slow.sessionId)).toEqual({ status: "failed" });

    const abandoned = await provider.createCheckout(cdOrder());
    stripe.expire(abandoned.sessionId);
    expect(await provider.getCheckoutState(abandoned.sessionId)).toEqual({ status: "expired" });
  });
});

describe("a band refunding a fan", () => {
  async function paidOrder() {
    const request = cdOrder();
    const { sessionId } = await provider.createCheckout(request);
    const { intent, charge } = stripe.pay(sessionId);
    return { orderId: request.orderId, paymentId: intent.id, charge };
  }

  it("takes the money back from the band's account and returns the platform fee", async () => {
    const { orderId, paymentId, charge } = await paidOrder();
    await provider.refund({ orderId, paymentId, amount: 1000, currency: "EUR", refundedTotal: 1000 });
    const sent = stripe.requestsTo("POST", "/v1/refunds").at(-1)!;
    expect(sent.body).toMatchObject({
      payment_intent: paymentId,
      amount: "1000",
      reverse_transfer: "true",
      refund_application_fee: "true",
    });
    expect(sent.headers["idempotency-key"]).toBe(`refund:${orderId}:to-1000`);
    expect(charge.amount_refunded).toBe(1000);
  });

  it("refunds once when the button is clicked twice, and again for a second partial refund", async () => {
    const { orderId, paymentId, charge } = await paidOrder();
    const first = await provider.refund({ orderId, paymentId, amount: 500, currency: "EUR", refundedTotal: 500 });
    const doubleClick = await provider.refund({ orderId, paymentId, amount: 500, currency: "EUR", refundedTotal: 500 });
    expect(doubleClick.refundId).toBe(first.refundId);
    expect(charge.amount_refunded).toBe(500);

    const second = await provider.refund({ orderId, paymentId, amount: 500, currency: "EUR", refundedTotal: 1000 });
    expect(second.refundId).not.toBe(first.refundId);
    expect(charge.amount_refunded).toBe(1000);
  });

  it("asks Stripe what was refunded already when the caller does not say", async () => {
    const { orderId, paymentId, charge } = await paidOrder();
    await provider.refund({ orderId, paymentId, amount: 300, currency: "EUR", refundedTotal: 300 });
    await provider.refund({ orderId, paymentId, amount: 200, currency: "EUR" });
    expect(stripe.requestsTo("POST", "/v1/refunds").at(-1)!.headers["idempotency-key"]).toBe(
      `refund:${orderId}:to-500`,
    );
    expect(charge.amount_refunded).toBe(500);
  });
});

describe("a band connecting its payout account", () => {
  it("gets one Express account however often it clicks, and an onboarding link back to its payouts page", async () => {
    const client = newStripeClient(settings(false));
    const owner = await makeUser(db);
    const band = await makeArtist(db, owner.id);
    await db.update(artists).set({ country: "FR" }).where(eq(artists.id, band.id));
    const fresh = { ...band, country: "FR" };

    const { url } = await startPayoutOnboarding(db, fresh, client);
    expect(url).toMatch(/^https:\/\/connect\.stripe\.test\//);
    const [created] = stripe
      .requestsTo("POST", "/v1/accounts")
      .filter((r) => (r.body.metadata as Params).artistId === band.id);
    expect(created.headers["idempotency-key"]).toBe(`connect-account:${band.id}`);
    expect(created.body).toMatchObject({
      type: "express",
      country: "FR",
      capabilities: { transfers: { requested: "true" } },
    });

    const [stored] = await db.select().from(artists).where(eq(artists.id, band.id));
    expect(stored.payoutAccountId).toMatch(/^acct_/);
    expect(stored.payoutStatus).toBe("pending");
    const link = stripe.requestsTo("POST", "/v1/account_links").at(-1)!;
    expect(link.body).toMatchObject({
      account: stored.payoutAccountId,
      type: "account_onboarding",
      refresh_url: `http://localhost:3000/dashboard/${band.slug}/payouts?link=expired`,
      return_url: `http://localhost:3000/dashboard/${band.slug}/payouts/return`,
    });
    expect(link.headers["idempotency-key"]).toMatch(new RegExp(`^account-link:${stored.payoutAccountId}:`));

    // A click from a stale page (no account id known yet) reaches the same account.
    await startPayoutOnboarding(db, fresh, client);
    await startPayoutOnboarding(db, stored, client);
    expect([...stripe.accounts.values()].filter((a) => (a.metadata as Params).artistId === band.id)).toHaveLength(1);
    const [after] = await db.select().from(artists).where(eq(artists.id, band.id));
    expect(after.payoutAccountId).toBe(stored.payoutAccountId);

    stripe.updateAccount(stored.payoutAccountId!, { details_submitted: true, charges_enabled: true });
    expect(await syncPayoutStatus(db, after, client)).toEqual({ status: "active", detailsSubmitted: true });
    const [active] = await db.select().from(artists).where(eq(artists.id, band.id));
    expect(active.payoutStatus).toBe("active");
  });
});

describe("every call that creates something at Stripe", () => {
  it("carries an idempotency key", () => {
    const creates = stripe.requests.filter((r) => r.method === "POST");
    expect(creates.length).toBeGreaterThan(10);
    expect(creates.filter((r) => !r.headers["idempotency-key"])).toEqual([]);
  });
});

describe("a fan who leaves the payment page without paying", () => {
  it("expires the open session so it can no longer be paid; a paid or gone session is left alone", async () => {
    const session = await provider.createCheckout(cdOrder());
    expect(await provider.cancelCheckout(session.sessionId)).toBe(true);
    expect(stripe.requestsTo("POST", `/v1/checkout/sessions/${session.sessionId}/expire`)).toHaveLength(1);
    // Twice (a reload of the cart page) asks nothing more of Stripe.
    expect(await provider.cancelCheckout(session.sessionId)).toBe(true);
    expect(stripe.requestsTo("POST", `/v1/checkout/sessions/${session.sessionId}/expire`)).toHaveLength(1);
    await expect(provider.cancelCheckout("cs_does_not_exist")).rejects.toThrow(/No such checkout.session/);
  });
});
