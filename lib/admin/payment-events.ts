import { desc, eq, lt } from "drizzle-orm";
import type Stripe from "stripe";
import type { Db, DbOrTx } from "@/db/client";
import { paymentEventLog } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit";
import { processStripeEvent, type EventResult } from "@/lib/orders";

export type PaymentEventRow = {
  id: string;
  eventId: string;
  type: string;
  result: string;
  error: string | null;
  createdAt: Date;
};

/** The log newest first (payment_event_log_created_idx), a page at a time; payloads stay in the table. */
export async function listPaymentEvents(db: DbOrTx, options: { before?: Date; limit?: number } = {}) {
  return db
    .select({
      id: paymentEventLog.id,
      eventId: paymentEventLog.eventId,
      type: paymentEventLog.type,
      result: paymentEventLog.result,
      error: paymentEventLog.error,
      createdAt: paymentEventLog.createdAt,
    })
    .from(paymentEventLog)
    .where(options.before ? lt(paymentEventLog.createdAt, options.before) : undefined)
    .orderBy(desc(paymentEventLog.createdAt), desc(paymentEventLog.id))
    .limit(Math.min(options.limit ?? 50, 200));
}

export type ReplayResult = { ok: true; result: EventResult; error: string | null } | { ok: false; error: "not_found" };

/**
 * Runs a logged event's stored payload through the webhook's own idempotent path: one that was
 * applied stays a no-op ("already_applied"), one that failed is applied now. The payload was
 * verified when it arrived, so replaying it needs no signature. Audited after the outcome is known.
 */
export async function replayPaymentEvent(db: Db, logId: string, actor: Actor): Promise<ReplayResult> {
  const [entry] = await db.select().from(paymentEventLog).where(eq(paymentEventLog.id, logId));
  if (!entry) return { ok: false, error: "not_found" };
  const outcome = await processStripeEvent(db, entry.payload as Stripe.Event);
  await recordAudit(db, {
    artistId: null,
    actor,
    action: "payment_event.replay",
    target: { type: "payment_event", id: entry.eventId },
    details: { type: entry.type, result: outcome.result, error: outcome.error, logId: outcome.logId },
  });
  return { ok: true, result: outcome.result, error: outcome.error };
}
