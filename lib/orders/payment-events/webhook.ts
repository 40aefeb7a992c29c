import type Stripe from "stripe";
import type { Db } from "@/db/client";
import { paymentEventLog, paymentEvents } from "@/db/schema";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { verifyStripeEvent, WebhookSignatureError } from "@/lib/payments";
import { applyStripeEvent, HANDLED_EVENTS } from "./index";

export type EventResult = "applied" | "already_applied" | "ignored" | "failed";

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
  const outcome = await processStripeEvent(db, event);
  if (outcome.result === "failed")
    return { status: 500, error: "The event could not be applied. Stripe will retry it." };
  return { status: 200, result: outcome.result, eventId: event.id };
}

/**
 * The one path a verified event takes, from Stripe or replayed by an operator from the console's
 * log: an event already recorded changes nothing ("already_applied"), a failed one is tried again.
 * Each run is written to payment_event_log once its outcome is known, outside the effect's
 * transaction, so a failure that rolled everything back is still on record with its error.
 */
export async function processStripeEvent(
  db: Db,
  event: Stripe.Event,
): Promise<{ result: EventResult; error: string | null; logId: string }> {
  const log = logger.child({ stripeEvent: event.id, type: event.type });
  let result: EventResult;
  let error: string | null = null;
  if (!HANDLED_EVENTS.has(event.type)) result = "ignored";
  else {
    try {
      result = await db.transaction(async (tx) => {
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
    } catch (cause) {
      log.error({ err: cause }, "Stripe webhook failed; Stripe will retry it");
      result = "failed";
      error = cause instanceof Error ? cause.message.slice(0, 2000) : String(cause);
    }
  }
  const [row] = await db
    .insert(paymentEventLog)
    .values({ eventId: event.id, provider: "stripe", type: event.type, result, error, payload: event })
    .returning({ id: paymentEventLog.id });
  return { result, error, logId: row.id };
}
