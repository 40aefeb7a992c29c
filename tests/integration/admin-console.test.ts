import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it, onTestFinished, vi } from "vitest";
import {
  changePlanAction,
  moderateBandAction,
  moderateReleaseAction,
  retryJobAction,
  saveSettingsAction,
} from "@/app/admin/actions";
import AdminBandPage from "@/app/admin/bands/[id]/page";
import AdminBandsPage from "@/app/admin/page";
import { artists, auditLog, orders, planInvoices, planSubscriptions, platformSettings, releases } from "@/db/schema";
import { jobOverview, listBands, platformRevenue, retryJob } from "@/lib/admin";
import { listAudit } from "@/lib/audit";
import { requireOperator } from "@/lib/auth/operator-guard";
import { planSettings } from "@/lib/plans";
import { boss } from "@/lib/queue";
import { formData, makeOperator, useTestDb } from "@/tests/support/factories";
import { makeShop } from "@/tests/support/orders";

const db = useTestDb();

let viewer: { id: string; email: string; name: string | null } | null = null;
vi.mock("@/lib/auth", () => ({ currentUser: async () => viewer }));

/** What Next's notFound() and redirect() throw: the digest says which, and where to. */
async function outcome(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return "returned";
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? "";
    if (digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;404")) return "404";
    if (digest.startsWith("NEXT_REDIRECT")) return `redirect ${digest.split(";")[2]}`;
    throw error;
  }
}

describe("only operators reach the console", () => {
  it("a band owner and a signed-out visitor get 404 from pages and actions, an operator passes; the owner's actions change nothing", async () => {
    const shop = await makeShop(db);
    const pageProps = { params: Promise.resolve({ id: shop.artist.id }), searchParams: Promise.resolve({}) };
    for (const who of [{ id: shop.owner.id, email: shop.owner.email, name: null }, null]) {
      viewer = who;
      expect(await outcome(() => AdminBandsPage({ searchParams: Promise.resolve({}) } as never))).toBe("404");
      expect(await outcome(() => AdminBandPage(pageProps as never))).toBe("404");
      const suspend = formData({ artistId: shop.artist.id, op: "suspend", reason: "spam" });
      expect(await outcome(() => moderateBandAction(suspend))).toBe("404");
      expect(
        await outcome(() => changePlanAction(formData({ artistId: shop.artist.id, plan: "pro", reason: "x" }))),
      ).toBe("404");
      expect(await outcome(() => saveSettingsAction(formData({ currency: "EUR", proYearly: "1" })))).toBe("404");
    }
    const [artist] = await db.select().from(artists).where(eq(artists.id, shop.artist.id));
    expect(artist).toMatchObject({ status: "active", plan: "free" });

    // The pages render translations, which need Next's request context: the guard itself lets the operator in.
    viewer = await makeOperator(db);
    expect(await requireOperator()).toEqual(viewer);
  });
});

describe("an operator's actions", () => {
  it("suspend, restore, take down, restore a release and change the plan: each needs a reason and leaves an audit entry", async () => {
    const shop = await makeShop(db);
    viewer = await makeOperator(db);
    const page = `/admin/bands/${shop.artist.id}`;
    const band = { artistId: shop.artist.id };
    expect(await outcome(() => moderateBandAction(formData({ ...band, op: "suspend", reason: "  " })))).toBe(
      `redirect ${page}?error=reason_required`,
    );
    expect((await db.select().from(artists).where(eq(artists.id, shop.artist.id)))[0].status).toBe("active");
    // A tampered form (no band id, an unknown operation) is refused in words, and changes nothing.
    expect(await outcome(() => moderateBandAction(formData({ artistId: "", op: "suspend", reason: "x" })))).toBe(
      "redirect /admin/bands/?error=invalid",
    );
    expect(await outcome(() => moderateBandAction(formData({ ...band, op: "delete", reason: "x" })))).toBe(
      `redirect ${page}?error=invalid`,
    );

    expect(await outcome(() => moderateBandAction(formData({ ...band, op: "suspend", reason: "Stolen music" })))).toBe(
      `redirect ${page}?done=suspend`,
    );
    expect(
      await outcome(() => moderateBandAction(formData({ ...band, op: "restore", reason: "Rights cleared" }))),
    ).toBe(`redirect ${page}?done=restore`);
    const release = { ...band, releaseId: shop.album.id };
    await moderateReleaseAction(formData({ ...release, op: "take_down", reason: "Copyright claim" })).catch(() => {});
    await moderateReleaseAction(formData({ ...release, op: "restore_release", reason: "Claim withdrawn" })).catch(
      () => {},
    );
    expect(await outcome(() => changePlanAction(formData({ ...band, plan: "pro", reason: "Festival partner" })))).toBe(
      `redirect ${page}?done=plan`,
    );

    const trail = await listAudit(db, { artistId: shop.artist.id });
    expect(trail.map((e) => [e.action, e.reason, e.actorKind, e.actorEmail]).reverse()).toEqual([
      ["artist.suspend", "Stolen music", "operator", viewer.email],
      ["artist.restore", "Rights cleared", "operator", viewer.email],
      ["release.take_down", "Copyright claim", "operator", viewer.email],
      ["release.restore", "Claim withdrawn", "operator", viewer.email],
      [expect.stringMatching(/^plan\./), "Festival partner", "operator", viewer.email],
    ]);
    const [artist] = await db.select().from(artists).where(eq(artists.id, shop.artist.id));
    expect(artist).toMatchObject({ status: "active", plan: "pro" });
    const [album] = await db.select().from(releases).where(eq(releases.id, shop.album.id));
    expect(album.takenDownAt).toBeNull();
  });

  it("settings: absurd values are refused with the field named and nothing saved; good ones are saved and audited", async () => {
    viewer = await makeOperator(db);
    // Other tests read the fees: the row is put back as it was, whatever happens here.
    const [saved] = await db.select().from(platformSettings);
    onTestFinished(async () => {
      await db.delete(platformSettings);
      if (saved) await db.insert(platformSettings).values(saved);
    });
    const before = await planSettings(db);
    const good = { currency: "EUR", proYearly: "35", proMonthly: "3.50", freeFee: "5", proFee: "0.5" };
    for (const [field, bad, key] of [
      ["proYearly", "-1", "proYearlyAmount"],
      ["proMonthly", "0", "proMonthlyAmount"],
      ["freeFee", "60", "freeFeeBasisPoints"],
      ["proFee", "abc", "proFeeBasisPoints"],
      ["currency", "XYZ", "currency"],
    ] as const) {
      expect(await outcome(() => saveSettingsAction(formData({ ...good, [field]: bad })))).toBe(
        `redirect /admin/settings?error=field_${key}`,
      );
    }
    expect(await planSettings(db)).toEqual(before);
    expect(await outcome(() => saveSettingsAction(formData(good)))).toBe("redirect /admin/settings?done=saved");
    expect(await planSettings(db)).toEqual({
      currency: "EUR",
      proYearlyAmount: 3500,
      proMonthlyAmount: 350,
      feeBasisPoints: { free: 500, pro: 50 },
    });
    const [entry] = await listAudit(db, { limit: 1 });
    expect(entry).toMatchObject({ action: "settings.update", actorUserId: viewer.id });
  });
});

describe("the audit trail", () => {
  it("cannot be edited or deleted, even by the application's own connection", async () => {
    const shop = await makeShop(db);
    viewer = await makeOperator(db);
    await moderateBandAction(formData({ artistId: shop.artist.id, op: "suspend", reason: "Fraud" })).catch(() => {});
    const [entry] = await listAudit(db, { artistId: shop.artist.id, limit: 1 });
    await expect(db.update(auditLog).set({ reason: "nothing" }).where(eq(auditLog.id, entry.id))).rejects.toThrow();
    await expect(db.delete(auditLog).where(eq(auditLog.id, entry.id))).rejects.toThrow();
    const [still] = await listAudit(db, { artistId: shop.artist.id, limit: 1 });
    expect(still).toEqual(entry);
  });
});

describe("the band list", () => {
  it("finds a band by name fragment, slug and a member's e-mail, filters by status, and pages without repeats", async () => {
    const shop = await makeShop(db);
    const name = `Zeppelin ${randomUUID().slice(0, 8)}`;
    await db.update(artists).set({ name, status: "suspended" }).where(eq(artists.id, shop.artist.id));
    const hit = (rows: { id: string }[]) => rows.some((r) => r.id === shop.artist.id);
    expect(hit((await listBands(db, { q: name.slice(3).toUpperCase() })).rows)).toBe(true);
    expect(hit((await listBands(db, { q: shop.artist.slug })).rows)).toBe(true);
    expect(hit((await listBands(db, { q: shop.owner.email.toUpperCase() })).rows)).toBe(true);
    expect(hit((await listBands(db, { q: name, status: "active" })).rows)).toBe(false);
    expect(hit((await listBands(db, { q: name, status: "suspended", plan: "free" })).rows)).toBe(true);

    const seen = new Set<string>();
    let after: string | undefined;
    for (let i = 0; i < 3; i++) {
      const page = await listBands(db, { after });
      for (const row of page.rows) {
        expect(seen.has(row.id)).toBe(false);
        seen.add(row.id);
      }
      if (!page.next) break;
      after = page.next;
    }
  });
});

describe("platform revenue", () => {
  it("adds the fees of paid orders less their refunded share, and paid Pro invoices, per currency and period", async () => {
    const shop = await makeShop(db);
    // A far year of its own (the database is reused between runs), so the sums are this run's alone.
    const year = 2100 + Math.floor(Math.random() * 800);
    const day = (d: number) => new Date(Date.UTC(year, 0, d, 12));
    const order = (o: Partial<typeof orders.$inferInsert>) => ({
      artistId: shop.artist.id,
      currency: "EUR",
      subtotal: 1000,
      total: 1000,
      provider: "test" as const,
      expiresAt: day(1),
      ...o,
    });
    await db
      .insert(orders)
      .values([
        order({ status: "paid", platformFee: 100, paidAt: day(3) }),
        order({ status: "partially_refunded", platformFee: 100, refundedAmount: 250, paidAt: day(3) }),
        order({ status: "refunded", platformFee: 100, refundedAmount: 1000, paidAt: day(20) }),
        order({ status: "paid", platformFee: 50, paidAt: day(20), currency: "USD" }),
        order({ status: "pending", platformFee: 100 }),
      ]);
    const [sub] = await db
      .insert(planSubscriptions)
      .values({ artistId: shop.artist.id, provider: "test", interval: "year", amount: 2900, currency: "EUR" })
      .returning();
    const invoice = (id: string, status: "paid" | "failed", paidAt: Date | null) => ({
      subscriptionId: sub.id,
      artistId: shop.artist.id,
      providerInvoiceId: `${id}-${randomUUID()}`,
      status,
      amount: 2900,
      currency: "EUR",
      paidAt,
    });
    await db.insert(planInvoices).values([invoice("a", "paid", day(3)), invoice("b", "failed", null)]);

    const range = { from: day(1), to: new Date(Date.UTC(year, 1, 1)) };
    const daily = await platformRevenue(db, { ...range, bucket: "day" });
    expect(daily).toEqual([
      { period: `${year}-01-03`, currency: "EUR", fees: 100 + 75, subscriptions: 2900 },
      { period: `${year}-01-20`, currency: "USD", fees: 50, subscriptions: 0 },
    ]);
    const monthly = await platformRevenue(db, { ...range, bucket: "month" });
    expect(monthly).toEqual([
      { period: `${year}-01-01`, currency: "EUR", fees: 175, subscriptions: 2900 },
      { period: `${year}-01-01`, currency: "USD", fees: 50, subscriptions: 0 },
    ]);
  });
});

describe("the platform revenue rollup", () => {
  it("follows an order from pending to paid to refunded, and a Pro invoice from failed to paid", async () => {
    const shop = await makeShop(db);
    const year = 2100 + Math.floor(Math.random() * 800);
    const at = new Date(Date.UTC(year, 5, 10, 23, 30));
    const range = {
      from: new Date(Date.UTC(year, 5, 1)),
      to: new Date(Date.UTC(year, 6, 1)),
      bucket: "month" as const,
    };
    const [order] = await db
      .insert(orders)
      .values({
        artistId: shop.artist.id,
        currency: "EUR",
        subtotal: 900,
        total: 900,
        provider: "test",
        expiresAt: at,
        platformFee: 90,
      })
      .returning();
    expect(await platformRevenue(db, range)).toEqual([]);
    await db.update(orders).set({ status: "paid", paidAt: at }).where(eq(orders.id, order.id));
    expect(await platformRevenue(db, range)).toEqual([
      { period: `${year}-06-01`, currency: "EUR", fees: 90, subscriptions: 0 },
    ]);
    await db.update(orders).set({ status: "partially_refunded", refundedAmount: 300 }).where(eq(orders.id, order.id));
    expect((await platformRevenue(db, range))[0].fees).toBe(60);
    await db.update(orders).set({ status: "refunded", refundedAmount: 900 }).where(eq(orders.id, order.id));
    expect(await platformRevenue(db, range)).toEqual([]);

    const [sub] = await db
      .insert(planSubscriptions)
      .values({ artistId: shop.artist.id, provider: "test", interval: "month", amount: 300, currency: "EUR" })
      .returning();
    const [invoice] = await db
      .insert(planInvoices)
      .values({
        subscriptionId: sub.id,
        artistId: shop.artist.id,
        providerInvoiceId: `in-${randomUUID()}`,
        status: "failed",
        amount: 300,
        currency: "EUR",
      })
      .returning();
    expect(await platformRevenue(db, range)).toEqual([]);
    await db.update(planInvoices).set({ status: "paid", paidAt: at }).where(eq(planInvoices.id, invoice.id));
    expect(await platformRevenue(db, range)).toEqual([
      { period: `${year}-06-01`, currency: "EUR", fees: 0, subscriptions: 300 },
    ]);
  });
});

describe("the job queue", () => {
  it("shows a failed job with its error, and Retry puts it back in its queue once", async () => {
    const queue = `admin-test-${randomUUID().slice(0, 8)}`;
    const jobs = await boss();
    await jobs.createQueue(queue, { name: queue, retryLimit: 0 });
    onTestFinished(async () => {
      await db.execute(sql`delete from pgboss.job where name = ${queue}`);
      await jobs.deleteQueue(queue);
    });
    const id = (await jobs.send(queue, { n: 1 }))!;
    const [fetched] = await jobs.fetch(queue);
    expect(fetched.id).toBe(id);
    await jobs.fail(queue, id, new Error("disk full while converting"));

    const overview = await jobOverview(db);
    expect(overview.queues.find((q) => q.name === queue)).toEqual({ name: queue, waiting: 0, active: 0, failed: 1 });
    expect(overview.failed.find((j) => j.id === id)).toMatchObject({
      name: queue,
      error: "disk full while converting",
    });

    viewer = await makeOperator(db);
    expect(await outcome(() => retryJobAction(formData({ name: queue, id })))).toBe("redirect /admin/jobs?done=retry");
    const after = await jobOverview(db);
    expect(after.queues.find((q) => q.name === queue)).toEqual({ name: queue, waiting: 1, active: 0, failed: 0 });
    expect(await retryJob(db, queue, id)).toBe(false);
    const [row] = await db.execute<{ state: string }>(sql`select state::text from pgboss.job where id = ${id}`);
    expect(row.state).toBe("retry");
  });
});
