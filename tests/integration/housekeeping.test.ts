import { randomBytes } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import PgBoss from "pg-boss";
import { describe, expect, it } from "vitest";
import { createDb } from "@/db/client";
import { emailQueue, orders, outboxEmails } from "@/db/schema";
import { queueEmail } from "@/lib/email";
import { MAX_ATTEMPTS, retryDelayMs } from "@/lib/email/queue";
import { startWorkers } from "@/lib/jobs";
import { CHORES } from "@/lib/jobs/housekeeping";
import { useTestDb } from "@/tests/support/factories";
import { cdStock, makePendingStripeOrder } from "@/tests/support/order-factories";

const db = useTestDb();
const chore = (queue: string) => CHORES.find((c) => c.queue === queue)!;

/** A checkout abandoned an hour ago, its CD still held. */
async function abandonedCheckout() {
  const pending = await makePendingStripeOrder(db, { cds: 2 });
  await db
    .update(orders)
    .set({ expiresAt: new Date(Date.now() - 3_600_000) })
    .where(eq(orders.id, pending.order.id));
  return pending;
}

async function queueMail(to = `${randomBytes(4).toString("hex")}@example.test`) {
  const key = `test:${randomBytes(6).toString("hex")}`;
  expect(await queueEmail(db, { to, subject: "Your order", text: "Thanks" }, key)).toBe(true);
  const [row] = await db.select().from(emailQueue).where(eq(emailQueue.dedupeKey, key));
  return row;
}

const orderStatus = async (id: string) =>
  (await db.select({ s: orders.status }).from(orders).where(eq(orders.id, id)))[0].s;
const sentAt = async (id: string) =>
  (await db.select({ s: emailQueue.sentAt }).from(emailQueue).where(eq(emailQueue.id, id)))[0].s;

/** Runs a chore until `done` (other files' unsent mail may be older than ours), at most 20 times. */
async function runUntil(run: () => Promise<unknown>, done: () => Promise<boolean>) {
  for (let i = 0; i < 20 && !(await done()); i++) await run();
  return done();
}

async function waitFor(check: () => Promise<boolean>, ms = 20_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

describe("the every-minute housekeeping", () => {
  it("expiring stale orders puts an abandoned checkout's CDs back on sale, once", async () => {
    const pending = await abandonedCheckout();
    expect(await cdStock(db, pending.cd.id)).toBe(8);
    const [a, b] = await Promise.all([chore("orders-expire").run(db), chore("orders-expire").run(db)]);
    expect(a + b).toBeGreaterThanOrEqual(1);
    expect(await orderStatus(pending.order.id)).toBe("canceled");
    expect(await cdStock(db, pending.cd.id)).toBe(10);
    // A checkout still within its half hour is left alone.
    const fresh = await makePendingStripeOrder(db);
    await chore("orders-expire").run(db);
    expect(await orderStatus(fresh.order.id)).toBe("pending");
  });

  it("delivering mail retries a failed message once its wait is over, and gives up after MAX_ATTEMPTS", async () => {
    const failed = await queueMail();
    await db
      .update(emailQueue)
      .set({ attempts: 3, lastError: "connect ECONNREFUSED 127.0.0.1:587" })
      .where(eq(emailQueue.id, failed.id));
    const dead = await queueMail();
    await db
      .update(emailQueue)
      .set({ attempts: MAX_ATTEMPTS, lastError: "550 mailbox unavailable" })
      .where(eq(emailQueue.id, dead.id));
    // One that failed a moment ago waits its turn (the SMTP server may still be down).
    const waiting = await queueMail();
    await db
      .update(emailQueue)
      .set({ attempts: 2, nextAttemptAt: new Date(Date.now() + retryDelayMs(2)) })
      .where(eq(emailQueue.id, waiting.id));

    expect(
      await runUntil(
        () => chore("email-deliver").run(db),
        async () => (await sentAt(failed.id)) !== null,
      ),
    ).toBe(true);
    const [row] = await db.select().from(emailQueue).where(eq(emailQueue.id, failed.id));
    expect(row.attempts).toBe(4);
    expect(await db.select().from(outboxEmails).where(eq(outboxEmails.to, failed.to))).toHaveLength(1);
    expect(await sentAt(dead.id)).toBeNull();
    expect(await db.select().from(outboxEmails).where(eq(outboxEmails.to, dead.to))).toHaveLength(0);
    expect(await sentAt(waiting.id)).toBeNull();
    expect([1, 2, 3, 12, 20].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 360 * 60_000, 360 * 60_000]);
  });

  it("two worker processes sweeping at once send every message exactly once", async () => {
    const mails = await Promise.all(Array.from({ length: 30 }, () => queueMail()));
    const second = createDb(process.env.DATABASE_URL!, { max: 2 });
    try {
      const bothSent = async () =>
        (
          await db
            .select()
            .from(emailQueue)
            .where(
              inArray(
                emailQueue.id,
                mails.map((m) => m.id),
              ),
            )
        ).every((m) => m.sentAt);
      const sweep = () => Promise.all([chore("email-deliver").run(db), chore("email-deliver").run(second.db)]);
      expect(await runUntil(sweep, bothSent)).toBe(true);
    } finally {
      await second.client.end({ timeout: 5 });
    }
    const delivered = await db
      .select({ to: outboxEmails.to })
      .from(outboxEmails)
      .where(
        inArray(
          outboxEmails.to,
          mails.map((m) => m.to),
        ),
      );
    expect(delivered.map((d) => d.to).sort()).toEqual(mails.map((m) => m.to).sort());
  });

  it("startWorkers schedules each chore on its cron and its worker runs the chore's job", async () => {
    const stop = await startWorkers();
    const boss = new PgBoss({
      connectionString: process.env.DATABASE_URL!,
      schema: "pgboss",
      max: 2,
      schedule: false,
      supervise: false,
    });
    await boss.start();
    try {
      const schedules = await boss.getSchedules();
      for (const c of CHORES) expect(schedules.find((s) => s.name === c.queue)).toMatchObject({ cron: c.cron });
      expect(CHORES.filter((c) => c.cron === "* * * * *").map((c) => c.queue)).toContain("orders-expire");

      const pending = await abandonedCheckout();
      const mail = await queueMail();
      // What the cron tick does, without waiting for the minute: one job on each chore's queue.
      // (The exchange rates' chore fetches from the ECB: tests/integration/exchange-rates.test.ts runs it against a stand-in.)
      for (const c of CHORES) if (c.queue !== "exchange-rates") await boss.send(c.queue, {});
      expect(await waitFor(async () => (await orderStatus(pending.order.id)) === "canceled")).toBe(true);
      expect(await cdStock(db, pending.cd.id)).toBe(10);
      expect(await waitFor(async () => (await sentAt(mail.id)) !== null)).toBe(true);
    } finally {
      await boss.stop({ graceful: false, wait: true });
      await stop();
    }
  });
});
