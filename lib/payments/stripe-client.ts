import Stripe from "stripe";
import { env, type Env } from "@/lib/env";

export type StripeSettings = Pick<Env, "STRIPE_SECRET_KEY" | "STRIPE_API_URL">;

/**
 * A Stripe SDK client. STRIPE_API_URL points it at another host (the local stand-in in tests):
 * the SDK takes host, port and protocol separately, not a base URL.
 */
export function newStripeClient(settings: StripeSettings): Stripe {
  if (!settings.STRIPE_SECRET_KEY) {
    throw new Error("STRIPE_SECRET_KEY is not set: Stripe is off and test payments are used instead.");
  }
  const api = settings.STRIPE_API_URL ? new URL(settings.STRIPE_API_URL) : null;
  const protocol = api?.protocol === "http:" ? "http" : "https";
  return new Stripe(settings.STRIPE_SECRET_KEY, {
    // Every create carries an idempotency key, so the SDK's retries never charge or refund twice.
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    appInfo: { name: "Merchtable" },
    ...(api && { host: api.hostname, port: api.port || (protocol === "http" ? 80 : 443), protocol }),
  });
}

let shared: { key: string; client: Stripe } | undefined;

/** The app's client, built once from the environment. */
export function stripeClient(): Stripe {
  const settings = env();
  const key = `${settings.STRIPE_SECRET_KEY}@${settings.STRIPE_API_URL ?? ""}`;
  if (shared?.key !== key) shared = { key, client: newStripeClient(settings) };
  return shared.client;
}

export class WebhookSignatureError extends Error {}

/**
 * Checks Stripe-Signature against the raw body and returns the event. STRIPE_WEBHOOK_SECRET may
 * hold several secrets separated by commas: a Connect endpoint (account.updated from bands'
 * accounts) signs with its own secret, and a rotated secret overlaps the new one for a while.
 * Signatures older than five minutes are refused (replays).
 */
export function verifyStripeEvent(
  rawBody: string,
  signature: string | null,
  secrets: string | undefined,
): Stripe.Event {
  const list = (secrets ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (list.length === 0) throw new WebhookSignatureError("STRIPE_WEBHOOK_SECRET is not set: webhooks are refused.");
  if (!signature) throw new WebhookSignatureError("The request has no Stripe-Signature header.");
  let last: unknown;
  for (const secret of list) {
    try {
      return Stripe.webhooks.constructEvent(rawBody, signature, secret);
    } catch (error) {
      last = error;
    }
  }
  throw new WebhookSignatureError(last instanceof Error ? last.message : "The signature does not match.");
}
