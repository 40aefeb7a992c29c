import { and, asc, eq, inArray, isNotNull, isNull, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { postDeliveries, posts, type PostDelivery } from "@/db/schema";
import { sendEmail, type Email } from "@/lib/email";
import { logger } from "@/lib/log";
import { buildPostEmail, loadPostMail } from "./message";
import { recipientLocales } from "./recipients";

export const BATCH_SIZE = 50;
/** Longer than nodemailer's own socket timeout (10 min): a row this old in `sending` has no live worker. */
export const STALE_SENDING_MS = 15 * 60_000;
/** "Try again later" answers before a row gives up (each retry waits for the next minute's chore). */
export const MAX_TRANSIENT_ATTEMPTS = 5;

export type Deliver = (email: Email) => Promise<void>;
export type MailingRun = { sent: number; bounced: number; deferred: number };

/**
 * What the mail server's refusal means. nodemailer puts the SMTP reply code on `responseCode`:
 * 5xx is permanent (no such mailbox: bounced, never retried), 4xx says try later. Not reaching the
 * server at all (ECONNECTION) is also "later": nothing was handed over. Anything else (the
 * connection dropped after DATA, the database went away) is unknown and thrown, leaving the row
 * `sending` with attemptedAt set: the crash rule below never sends it again.
 */
function classify(error: unknown): "bounced" | "later" | "unknown" {
  const { responseCode, code } = (error ?? {}) as { responseCode?: number; code?: string };
  if (typeof responseCode === "number" && responseCode >= 500) return "bounced";
  if (typeof responseCode === "number" && responseCode >= 400) return "later";
  if (code === "ECONNECTION" || code === "EDNS") return "later";
  return "unknown";
}

/**
 * Takes up to `size` pending rows of one post: FOR UPDATE SKIP LOCKED, so two workers never take
 * the same row, and `sending` is committed (one statement) before any message leaves. claimedAt is
 * the claim's own mark: a row recovered and claimed again by someone else no longer matches it.
 */
async function claimBatch(db: DbOrTx, postId: string, size: number, claimedAt: Date): Promise<PostDelivery[]> {
  return db
    .update(postDeliveries)
    .set({ status: "sending", claimedAt, attemptedAt: null })
    .where(
      inArray(
        postDeliveries.id,
        db
          .select({ id: postDeliveries.id })
          .from(postDeliveries)
          .where(and(eq(postDeliveries.postId, postId), eq(postDeliveries.status, "pending")))
          .orderBy(asc(postDeliveries.createdAt), asc(postDeliveries.id))
          .limit(size)
          .for("update", { skipLocked: true }),
      ),
    )
    .returning();
}

/**
 * Sends one post's mailing, batch after batch, until nothing is pending. Each message goes to one
 * fan alone. Per row: mark attemptedAt (committed), hand the message over, then record `sent`,
 * `bounced` or (try later) `pending` again. `deliver` is the mail server in tests.
 */
export async function sendPostMailing(
  db: DbOrTx,
  postId: string,
  options: { batchSize?: number; deliver?: Deliver; now?: () => Date } = {},
): Promise<MailingRun> {
  const now = options.now ?? (() => new Date());
  const deliver = options.deliver ?? ((email: Email) => sendEmail(db, email));
  const run: MailingRun = { sent: 0, bounced: 0, deferred: 0 };
  const mail = await loadPostMail(db, postId);
  if (!mail) return run;
  for (;;) {
    const claimedAt = now();
    const batch = await claimBatch(db, postId, options.batchSize ?? BATCH_SIZE, claimedAt);
    if (!batch.length) break;
    const locales = await recipientLocales(
      db,
      mail.post.artistId,
      batch.map((row) => row.email),
    );
    for (const row of batch) {
      const [mine] = await db
        .update(postDeliveries)
        .set({ attemptedAt: now() })
        .where(
          and(
            eq(postDeliveries.id, row.id),
            eq(postDeliveries.status, "sending"),
            eq(postDeliveries.claimedAt, claimedAt),
            isNull(postDeliveries.attemptedAt),
          ),
        )
        .returning({ id: postDeliveries.id });
      if (!mine) continue;
      try {
        await deliver(buildPostEmail(mail, row, { locale: locales.get(row.email) }));
        await db
          .update(postDeliveries)
          .set({ status: "sent", sentAt: now(), error: null })
          .where(eq(postDeliveries.id, row.id));
        run.sent++;
      } catch (error) {
        const outcome = classify(error);
        if (outcome === "unknown") throw error;
        const message = String((error as Error).message ?? error).slice(0, 500);
        const giveUp = outcome === "later" && row.attempts + 1 >= MAX_TRANSIENT_ATTEMPTS;
        await db
          .update(postDeliveries)
          .set(
            outcome === "bounced" || giveUp
              ? { status: outcome === "bounced" ? "bounced" : "skipped", error: message }
              : { status: "pending", claimedAt: null, attemptedAt: null, attempts: row.attempts + 1, error: message },
          )
          .where(eq(postDeliveries.id, row.id));
        if (outcome === "bounced") run.bounced++;
        else run.deferred++;
        logger.warn({ postId, deliveryId: row.id, outcome, err: error }, "news mail refused");
      }
    }
    // The server asked us to wait: the rest goes with the next minute's chore, not in a hot loop.
    if (run.deferred > 0) break;
  }
  await finishIfDone(db, postId, now());
  return run;
}

async function finishIfDone(db: DbOrTx, postId: string, at: Date) {
  await db
    .update(posts)
    .set({ sendFinishedAt: at })
    .where(
      and(
        eq(posts.id, postId),
        isNull(posts.sendFinishedAt),
        sql`not exists (select 1 from post_deliveries d where d.post_id = ${postId} and d.status in ('pending', 'sending'))`,
      ),
    );
}

/**
 * The crash rule, for rows left `sending` by a worker that died (older than STALE_SENDING_MS):
 * - never handed over (attemptedAt null): nothing left, so back to `pending`, sent by the next run;
 * - handed over, outcome unknown (attemptedAt set): the mail server may have it, so it is never
 *   sent again: `skipped`, with the reason. A crash can cost a fan one post, never send it twice.
 */
export async function recoverStaleDeliveries(db: DbOrTx, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - STALE_SENDING_MS);
  const requeued = await db
    .update(postDeliveries)
    .set({ status: "pending", claimedAt: null })
    .where(
      and(
        eq(postDeliveries.status, "sending"),
        isNull(postDeliveries.attemptedAt),
        lt(postDeliveries.claimedAt, before),
      ),
    )
    .returning({ id: postDeliveries.id });
  const interrupted = await db
    .update(postDeliveries)
    .set({
      status: "skipped",
      error: "Interrupted while being handed to the mail server: not sent again, so nobody gets it twice.",
    })
    .where(and(eq(postDeliveries.status, "sending"), lt(postDeliveries.attemptedAt, before)))
    .returning({ id: postDeliveries.id });
  return requeued.length + interrupted.length;
}

/**
 * The "news-send-resume" chore: after a restart (or a job that gave up) every mailing with rows
 * still to send carries on. Safe beside a running job: rows are claimed with SKIP LOCKED.
 */
export async function resumeNewsMailings(db: DbOrTx, now = new Date()): Promise<number> {
  await recoverStaleDeliveries(db, now);
  const unfinished = await db
    .select({ postId: posts.id })
    .from(posts)
    .where(and(isNotNull(posts.sendQueuedAt), isNull(posts.sendFinishedAt)))
    .orderBy(asc(posts.sendQueuedAt))
    .limit(20);
  let sent = 0;
  for (const { postId } of unfinished) sent += (await sendPostMailing(db, postId, { now: () => now })).sent;
  return sent;
}
