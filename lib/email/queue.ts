import { and, asc, eq, isNull, lt, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { emailQueue } from "@/db/schema";
import { logger } from "@/lib/log";
import { listUnsubscribeHeaders } from "./list-unsubscribe";
import { sendEmail, type Email } from "./send";

type QueuedEmail = typeof emailQueue.$inferSelect;

/** 12 attempts with a doubling wait (1 min, 2, 4 … capped at 6 h) span about a day and a half. */
export const MAX_ATTEMPTS = 12;
const MAX_WAIT_MINUTES = 6 * 60;

/** How long to wait after the n-th failed attempt. */
export function retryDelayMs(attempts: number) {
  return Math.min(2 ** Math.max(attempts - 1, 0), MAX_WAIT_MINUTES) * 60_000;
}

/**
 * Writes a message inside the caller's transaction: it exists exactly when the effect it reports
 * (a paid order, a refund) does, and `dedupeKey` keeps a replayed effect from mailing twice.
 * Returns false when that key was already queued. The queue keeps no headers: those a message
 * needs (List-Unsubscribe) are worked out when it is sent.
 */
export async function queueEmail(tx: DbOrTx, email: Omit<Email, "headers">, dedupeKey: string): Promise<boolean> {
  const rows = await tx
    .insert(emailQueue)
    .values({ ...email, dedupeKey })
    .onConflictDoNothing({ target: emailQueue.dedupeKey })
    .returning({ id: emailQueue.id });
  return rows.length > 0;
}

/** One queued message out, with the headers it needs now, then marked sent. Throws when the server refuses. */
export async function sendQueuedEmail(tx: DbOrTx, row: QueuedEmail) {
  const headers = await listUnsubscribeHeaders(tx, row.dedupeKey);
  await sendEmail(tx, { to: row.to, subject: row.subject, text: row.text, html: row.html ?? undefined, headers });
  await tx
    .update(emailQueue)
    .set({ sentAt: new Date(), attempts: row.attempts + 1 })
    .where(eq(emailQueue.id, row.id));
}

/**
 * Sends what is queued, oldest first. Rows are claimed with SKIP LOCKED so two app instances (or
 * the worker and a web request) never send the same message twice.
 */
export async function deliverQueuedEmails(db: DbOrTx, limit = 20): Promise<number> {
  let sent = 0;
  for (let i = 0; i < limit; i++) {
    const done = await db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(emailQueue)
        .where(
          and(
            isNull(emailQueue.sentAt),
            lt(emailQueue.attempts, MAX_ATTEMPTS),
            lte(emailQueue.nextAttemptAt, new Date()),
          ),
        )
        .orderBy(asc(emailQueue.createdAt))
        .limit(1)
        .for("update", { skipLocked: true });
      if (!row) return false;
      try {
        await sendQueuedEmail(tx, row);
        sent++;
      } catch (error) {
        logger.error({ err: error, emailId: row.id, to: row.to }, "email delivery failed; will retry");
        await tx
          .update(emailQueue)
          .set({
            attempts: sql`${emailQueue.attempts} + 1`,
            lastError: String((error as Error).message ?? error).slice(0, 500),
            nextAttemptAt: new Date(Date.now() + retryDelayMs(row.attempts + 1)),
          })
          .where(eq(emailQueue.id, row.id));
        return false; // the SMTP server is unhappy: leave the rest for the next sweep
      }
      return true;
    });
    if (!done) break;
  }
  return sent;
}

/** Called after a transaction that queued mail commits; failures wait for the periodic sweep. */
export function deliverSoon(db: DbOrTx) {
  return deliverQueuedEmails(db).catch((error) => logger.error({ err: error }, "email delivery sweep failed"));
}
