import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rebuildDailyStats } from "@/db/queries/daily-stats";
import {
  orderItems,
  orders,
  orderStatusEnum,
  SOLD_ORDER_STATUSES,
  statsDaily,
  statsItemsDaily,
  type OrderStatus,
} from "@/db/schema";
import { useTestDb } from "@/tests/support/factories";
import { makeShop } from "@/tests/support/orders";

/*
 * The band's orders list and exports (db/queries/orders.ts) show the orders in
 * SOLD_ORDER_STATUSES; the figures count the orders the SQL of migration 0008 lists in its
 * triggers and functions. Migrations once applied are never edited, so these tests keep the
 * two in agreement: a status added to or taken from either side fails them.
 */
const db = useTestDb();
type Shop = Awaited<ReturnType<typeof makeShop>>;

const DAYS = { inserted: "2026-04-01", fromPending: "2026-04-02", fromPaid: "2026-04-03" } as const;

/** An order paid (or not) on `day` with its album line, written in one transaction as checkout does. */
async function albumOrder(shop: Shop, day: string, status: OrderStatus) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(orders)
      .values({
        artistId: shop.artist.id,
        status,
        currency: "EUR",
        subtotal: 700,
        total: 700,
        provider: "test",
        expiresAt: new Date(),
        paidAt: new Date(`${day}T12:00:00Z`),
      })
      .returning();
    await tx.insert(orderItems).values({
      orderId: row.id,
      kind: "release",
      releaseId: shop.album.id,
      title: "Test Album",
      currency: "EUR",
      unitAmount: 700,
    });
    return row;
  });
}

/** Orders counted per day, in the day's totals and in the release lines. */
async function counted(artistId: string) {
  const totals = await db
    .select({ day: statsDaily.day, orders: sql<number>`sum(${statsDaily.orders})::int` })
    .from(statsDaily)
    .where(eq(statsDaily.artistId, artistId))
    .groupBy(statsDaily.day);
  const items = await db
    .select({ day: statsItemsDaily.day, orders: sql<number>`sum(${statsItemsDaily.orders})::int` })
    .from(statsItemsDaily)
    .where(eq(statsItemsDaily.artistId, artistId))
    .groupBy(statsItemsDaily.day);
  const perDay = (rows: { day: string; orders: number }[]) =>
    Object.fromEntries(Object.values(DAYS).map((day) => [day, rows.find((r) => r.day === day)?.orders ?? 0]));
  return { totals: perDay(totals), items: perDay(items) };
}

describe("the statuses that count as sold", () => {
  it.each(orderStatusEnum.enumValues)(
    "an order %s counts in the figures exactly when SOLD_ORDER_STATUSES lists it",
    async (status) => {
      const shop = await makeShop(db);
      const inserted = await albumOrder(shop, DAYS.inserted, status);
      const fromPending = await albumOrder(shop, DAYS.fromPending, "pending");
      await db.update(orders).set({ status }).where(eq(orders.id, fromPending.id));
      const fromPaid = await albumOrder(shop, DAYS.fromPaid, "paid");
      await db.update(orders).set({ status }).where(eq(orders.id, fromPaid.id));

      const n = SOLD_ORDER_STATUSES.includes(status) ? 1 : 0;
      const expected = { [DAYS.inserted]: n, [DAYS.fromPending]: n, [DAYS.fromPaid]: n };
      expect(await counted(shop.artist.id)).toEqual({ totals: expected, items: expected });

      // A recount from the raw orders agrees, and deleting the orders takes back the orders they
      // counted. (Only the day's totals: their lines are deleted with them, before the deferred
      // trigger reads them. The app never deletes an order.)
      await rebuildDailyStats(db, shop.artist.id);
      expect(await counted(shop.artist.id)).toEqual({ totals: expected, items: expected });
      await db.delete(orders).where(inArray(orders.id, [inserted.id, fromPending.id, fromPaid.id]));
      expect((await counted(shop.artist.id)).totals).toEqual({
        [DAYS.inserted]: 0,
        [DAYS.fromPending]: 0,
        [DAYS.fromPaid]: 0,
      });
    },
  );

  it("is the list every stats trigger and function of the database writes", async () => {
    const sources = await db.execute<{ name: string; text: string }>(sql`
      select p.proname as name, p.prosrc as text from pg_proc p where p.proname like 'stats\_%'
      union all
      select t.tgname, pg_get_triggerdef(t.oid) from pg_trigger t where t.tgrelid = 'orders'::regclass and not t.tgisinternal`);
    // `o.status::text NOT IN ('paid', …)` in function bodies; `(new.status)::text = ANY (ARRAY['paid'::text, …])` in triggers.
    const list = /status\)?(?:::text)?\s*(?:not\s+)?(?:in\s*\(|=\s*any\s*\(\s*array\[)([^)\]]*)/gi;
    const found = sources.flatMap(({ name, text }) =>
      [...text.matchAll(list)].map((m) => ({
        name,
        statuses: [...m[1].matchAll(/'([^']*)'/g)].map((l) => l[1]).sort(),
      })),
    );
    expect(new Set(found.map((f) => f.name))).toEqual(
      new Set([
        "stats_apply_order",
        "stats_orders_trigger",
        "stats_rebuild",
        "stats_orders_insert",
        "stats_orders_update",
        "stats_orders_delete",
      ]),
    );
    for (const f of found)
      expect({ name: f.name, statuses: f.statuses }).toEqual({
        name: f.name,
        statuses: [...SOLD_ORDER_STATUSES].sort(),
      });
    expect(found).toHaveLength(8);
  });
});
