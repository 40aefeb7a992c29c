import type Stripe from "stripe";
import type { Db } from "@/db/client";
import { paymentEvents } from "@/db/schema";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { verifyStripeEvent, WebhookSignatureError } from "@/lib/payments";
import { applyStripeEvent, HANDLED_EVENTS } from "./index";

export type WebhookOutcome =
  | { status: 200; result: "applied" | "already_applied" | "ignored"; eventId: string }
  | { status: 400 | 500; error: string };

/**
 * Stripe delivers each event at least once, in any order, and retries on 5xx. Nothing is written
 * before the signature checks out; then the event id is recorded in the same transaction as the
 * event's effect, so a redelivery finds it and changes nothing, and a failure rolls back both
 * (Stripe retries, the effect is applied once).
 */
export async function receiveStripeWebhook(
  db: Db,
  rawBody: string,
  signature: string | null,
  secrets: string | undefined = env().STRIPE_WEBHOOK_SECRET,
): Promise<WebhookOutcome> {
  let event: Stripe.Event;
  try {
    event = verifyStripeEvent(rawBody, signature, secrets);
  } catch (error) {
    if (!(error instanceof WebhookSignatureError)) throw error;
    logger.warn({ reason: error.message }, "Stripe webhook refused");
    return { status: 400, error: error.message };
  }
  if (!HANDLED_EVENTS.has(event.type)) return { status: 200, result: "ignored", eventId: event.id };

  const log = logger.child({ stripeEvent: event.id, type: event.type });
  try {
    const result = await db.transaction(async (tx) => {
      // Concurrent deliveries of one event wait here on the primary key until the first commits.
      const recorded = await tx
        .insert(paymentEvents)
        .values({ id: event.id, provider: "stripe", type: event.type })
        .onConflictDoNothing()
        .returning({ id: paymentEvents.id });
      if (recorded.length === 0) return "already_applied" as const;
      await applyStripeEvent(tx, event, log);
      return "applied" as const;
    });
    return { status: 200, result, eventId: event.id };
  } catch (error) {
    log.error({ err: error }, "Stripe webhook failed; Stripe will retry it");
    return { status: 500, error: "The event could not be applied. Stripe will retry it." };
  }
}
