import { randomBytes } from "node:crypto";
import { eq, inArray, like } from "drizzle-orm";
import Stripe from "stripe";
import { afterAll, beforeAll, expect } from "vitest";
import type { Db } from "@/db/client";
import { artists, downloadGrants, emailQueue, orders, paymentEvents, stockReservations } from "@/db/schema";
import { addToCart, findCart, setCartCountry, startCheckout } from "@/lib/orders";
import { makeShop } from "./orders";
import { startStripeStandIn, type StripeStandIn } from "./stripe-stand-in";

/**
 * Stripe events as the webhook endpoint receives them: built from the stand-in's own objects
 * (so ids and amounts match what startCheckout created) and signed with the SDK's test helper.
 */
export const WEBHOOK_SECRET = "whsec_test_merchtable_webhook";

/** Points the app's Stripe client at the stand-in. Call before anything reads env(): it is parsed once. */
export function useStripeStandInEnv(stripe: StripeStandIn, options: { webhookSecret?: string | null } = {}) {
  process.env.STRIPE_SECRET_KEY = "sk_test_standin";
  process.env.STRIPE_API_URL = stripe.url;
  if (options.webhookSecret === null) delete process.env.STRIPE_WEBHOOK_SECRET;
  else process.env.STRIPE_WEBHOOK_SECRET = options.webhookSecret ?? WEBHOOK_SECRET;
}

/**
 * The stand-in for one test file: started before its tests with the app pointed at it, closed
 * after. The returned object stands for the running stand-in (its methods work once it started).
 */
export function useStripeStandIn(options: { webhookSecret?: string | null } = {}): StripeStandIn {
  let current: StripeStandIn | undefined;
  beforeAll(async () => {
    current = await startStripeStandIn();
    useStripeStandInEnv(current, options);
  });
  afterAll(() => current?.close());
  return new Proxy({} as StripeStandIn, {
    get(_target, key) {
      if (!current) throw new Error("The Stripe stand-in starts in beforeAll: use it inside a test.");
      const value: unknown = Reflect.get(current, key);
      return typeof value === "function" ? value.bind(current) : value;
    },
  });
}

type EventObject = Record<string, unknown> & { id: string };

export function stripeEvent(type: string, object: EventObject, extra: { account?: string } = {}) {
  return {
    id: `evt_test_${randomBytes(10).toString("hex")}`,
    object: "event",
    api_version: "2025-03-31.basil",
    created: Math.floor(Date.now() / 1000),
    type,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    // A snapshot: later changes to the stand-in's object must not alter an event already "sent".
    data: { object: structuredClone(object) },
    ...extra,
  };
}

export type SignedEvent = { id: string; payload: string; signature: string };

/** Serialises once and signs those exact bytes, as Stripe does. */
export function signEvent(event: { id: string }, options: { secret?: string; timestamp?: number } = {}): SignedEvent {
  const payload = JSON.stringify(event, null, 2);
  const signature = Stripe.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret ?? WEBHOOK_SECRET,
    ...(options.timestamp !== undefined && { timestamp: options.timestamp }),
  });
  return { id: event.id, payload, signature };
}

export function webhookRequest(body: string, signature: string | null) {
  return new Request("http://localhost:3000/api/stripe/webhook", {
    method: "POST",
    headers: { "content-type": "application/json", ...(signature !== null && { "stripe-signature": signature }) },
    body,
  });
}

/**
 * A fan midway through a real checkout: a band with an active payout account, a cart with the
 * album and `cds` CDs shipped to France, and startCheckout's pending order with its Stripe session.
 */
export async function openStripeCheckout(
  db: Db,
  options: { cds?: number; cdStock?: number; email?: string; ip?: string } = {},
) {
  const shop = await makeShop(db, { cdStock: options.cdStock ?? 10 });
  const accountId = `acct_test_${randomBytes(6).toString("hex")}`;
  const [artist] = await db
    .update(artists)
    .set({ payoutAccountId: accountId, payoutStatus: "active" })
    .where(eq(artists.id, shop.artist.id))
    .returning();
  const token = randomBytes(16).toString("base64url");
  expect(await addToCart(db, { token, artist, item: { kind: "release", id: shop.album.id } })).toEqual({ ok: true });
  const cds = options.cds ?? 1;
  if (cds > 0) {
    expect(await addToCart(db, { token, artist, item: { kind: "product", id: shop.cd.id, quantity: cds } })).toEqual({
      ok: true,
    });
    await setCartCountry(db, (await findCart(db, token, artist.id))!, "FR");
  }
  const email = options.email ?? `fan-${randomBytes(3).toString("hex")}@example.test`;
  const result = await startCheckout(db, { token, artist, email, subscribe: false, locale: "en", ip: options.ip });
  if (!result.ok) throw new Error(`checkout failed: ${result.error}`);
  const [order] = await db.select().from(orders).where(eq(orders.id, result.orderId));
  expect(order.provider).toBe("stripe");
  expect(order.providerSessionId).toMatch(/^cs_test_/);
  return { ...shop, artist, order, sessionId: order.providerSessionId!, email, accountId };
}

/** Everything a webhook could have written about one order and one event. */
export async function orderTrail(db: Db, orderId: string, eventIds: string[] = []) {
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  const grants = await db.select().from(downloadGrants).where(eq(downloadGrants.orderId, orderId));
  const reservations = await db
    .select({ status: stockReservations.status, quantity: stockReservations.quantity })
    .from(stockReservations)
    .where(eq(stockReservations.orderId, orderId));
  const emails = (
    await db
      .select({ key: emailQueue.dedupeKey })
      .from(emailQueue)
      .where(like(emailQueue.dedupeKey, `%${orderId}%`))
  )
    .map((e) => e.key)
    .sort();
  const events = eventIds.length
    ? await db.select().from(paymentEvents).where(inArray(paymentEvents.id, eventIds))
    : [];
  return { order, grants, reservations, emails, events };
}
