import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rebuildDailyStats } from "@/db/queries/daily-stats";
import { artists, orderItems, orders, plays } from "@/db/schema";
import { updateArtistProfile } from "@/lib/artists";
import {
  byCountry,
  getOverview,
  getSeries,
  parsePeriod,
  salesByRelease,
  startOfLocalDay,
  type Period,
} from "@/lib/stats";
import { useTestDb } from "@/tests/support/factories";
import { makeShop } from "@/tests/support/orders";

const db = useTestDb();
type Shop = Awaited<ReturnType<typeof makeShop>>;

const march = (timeZone: string): Period => {
  const result = parsePeriod({ period: "custom", from: "2026-03-01", to: "2026-03-31" }, new Date(), timeZone);
  if (!result.ok) throw new Error(result.error);
  return result.period;
};

/** An order and its album line, written in one transaction as checkout does. */
async function albumOrder(shop: Shop, paidAt: string | null, o: Partial<typeof orders.$inferInsert> = {}) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(orders)
      .values({
        artistId: shop.artist.id,
        status: paidAt ? "paid" : "pending",
        currency: "EUR",
        subtotal: 700,
        total: 700,
        platformFee: 70,
        provider: "test",
        expiresAt: new Date(),
        paidAt: paidAt ? new Date(paidAt) : null,
        ...o,
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

async function playAt(shop: Shop, at: string, p: Partial<typeof plays.$inferInsert> = {}) {
  const [row] = await db
    .insert(plays)
    .values({
      artistId: shop.artist.id,
      trackId: shop.tracks[0].id,
      releaseId: shop.album.id,
      playedAt: new Date(at),
      secondsListened: 30,
      outcome: "complete",
      ...p,
    })
    .returning();
  return row;
}

/** Every daily row of one band, in a stable order, without the zero rows a correction leaves behind. */
async function dailyRows(artistId: string) {
  const read = (table: string, key: string) =>
    db.execute(
      sql`select * from ${sql.raw(table)} s where s.artist_id = ${artistId} and (${sql.raw(key)}) <> 0 order by ${sql.raw("s")}::text`,
    );
  return {
    daily: await read("stats_daily", "s.orders + s.plays"),
    countries: await read("stats_countries_daily", "s.orders + s.plays"),
    sources: await read("stats_sources_daily", "s.orders + s.plays"),
    items: await read("stats_items_daily", "s.orders"),
    formats: await read("stats_formats_daily", "s.orders"),
    plays: await read("stats_plays_daily", "s.complete + s.partial + s.skip"),
  };
}

async function setZone(shop: Shop, timeZone: string) {
  const result = await updateArtistProfile(db, shop.owner.id, shop.artist.id, {
    name: shop.artist.name,
    slug: shop.artist.slug,
    currency: "EUR",
    timeZone,
  });
  return result;
}

describe("the daily figures the dashboard reads", () => {
  it("count an order from the commit that pays it; a refund or a corrected country moves only the order's line", async () => {
    const shop = await makeShop(db);
    const pending = await albumOrder(shop, null, { buyerCountry: "FR" });
    expect((await getOverview(db, shop.artist.id, march("UTC"))).current.orders).toBe(0);

    await db
      .update(orders)
      .set({ status: "paid", paidAt: new Date("2026-03-10T12:00:00Z") })
      .where(eq(orders.id, pending.id));
    let { current } = await getOverview(db, shop.artist.id, march("UTC"));
    expect(current).toMatchObject({
      orders: 1,
      units: 1,
      money: [{ currency: "EUR", gross: 700, fees: 70, refunds: 0, net: 630, orders: 1 }],
    });

    await db.update(orders).set({ status: "partially_refunded", refundedAmount: 300 }).where(eq(orders.id, pending.id));
    await db.update(orders).set({ buyerCountry: "BE" }).where(eq(orders.id, pending.id));
    ({ current } = await getOverview(db, shop.artist.id, march("UTC")));
    expect(current.money).toEqual([{ currency: "EUR", gross: 700, fees: 70, refunds: 300, net: 330, orders: 1 }]);
    expect(current.units).toBe(1);
    expect((await byCountry(db, shop.artist.id, march("UTC"))).map((r) => [r.key, r.orders, r.money])).toEqual([
      ["BE", 1, [{ currency: "EUR", amount: 330 }]],
    ]);
    expect((await salesByRelease(db, shop.artist.id, march("UTC"))).map((r) => [r.label, r.orders, r.units])).toEqual([
      ["Test Album", 1, 1],
    ]);
    // A canceled checkout never counts.
    const canceled = await albumOrder(shop, null);
    await db.update(orders).set({ status: "canceled" }).where(eq(orders.id, canceled.id));
    expect((await getOverview(db, shop.artist.id, march("UTC"))).current.orders).toBe(1);
  });

  it("take a deleted play back off its day", async () => {
    const shop = await makeShop(db);
    const play = await playAt(shop, "2026-03-05T10:00:00Z", { outcome: "skip", country: "DE" });
    await playAt(shop, "2026-03-05T11:00:00Z", { country: "DE" });
    expect((await getOverview(db, shop.artist.id, march("UTC"))).current.plays).toBe(2);
    await db.delete(plays).where(eq(plays.id, play.id));
    expect((await getOverview(db, shop.artist.id, march("UTC"))).current.plays).toBe(1);
    expect((await byCountry(db, shop.artist.id, march("UTC"))).map((r) => [r.key, r.plays])).toEqual([["DE", 1]]);
  });

  it("equal a recount from the raw orders and plays", async () => {
    const shop = await makeShop(db);
    await albumOrder(shop, "2026-03-01T00:00:00Z", { source: "embed", sourceHost: "blog.example", buyerCountry: "DE" });
    const refunded = await albumOrder(shop, "2026-03-02T10:00:00Z", { currency: "USD" });
    await db.update(orders).set({ status: "refunded", refundedAmount: 700 }).where(eq(orders.id, refunded.id));
    await albumOrder(shop, "2026-03-03T10:00:00Z", { provider: "free", total: 0, subtotal: 0 });
    await playAt(shop, "2026-03-05T10:00:00Z", { source: "embed", sourceHost: "blog.example" });
    await playAt(shop, "2026-03-05T10:00:00Z", { outcome: "partial" });
    const kept = await dailyRows(shop.artist.id);
    expect(Object.values(kept).every((rows) => rows.length > 0)).toBe(true);
    await db.transaction((tx) => rebuildDailyStats(tx, shop.artist.id));
    expect(await dailyRows(shop.artist.id)).toEqual(kept);
  });
});

describe("days in the band's time zone", () => {
  it("cut periods at the band's midnight, on clock changes and half-hour zones too", () => {
    const late = new Date("2026-05-20T22:30:00Z");
    const auckland = parsePeriod({ period: "7d" }, late, "Pacific/Auckland");
    expect(
      auckland.ok && [auckland.period.firstDay, auckland.period.lastDay, auckland.period.from.toISOString()],
    ).toEqual(["2026-05-15", "2026-05-21", "2026-05-14T12:00:00.000Z"]);
    const kolkata = parsePeriod({ period: "7d" }, new Date("2026-05-20T18:45:00Z"), "Asia/Kolkata");
    expect(kolkata.ok && [kolkata.period.lastDay, kolkata.period.from.toISOString()]).toEqual([
      "2026-05-21",
      "2026-05-14T18:30:00.000Z",
    ]);
    // Paris springs forward on 29 March 2026: a 23-hour day.
    const spring = parsePeriod({ period: "custom", from: "2026-03-29", to: "2026-03-29" }, late, "Europe/Paris");
    expect(spring.ok && [spring.period.from.toISOString(), spring.period.to.toISOString(), spring.period.days]).toEqual(
      ["2026-03-28T23:00:00.000Z", "2026-03-29T22:00:00.000Z", 1],
    );
    // Chile skips midnight itself (00:00 → 01:00) on 6 September 2026: the day starts at its first real minute.
    expect(startOfLocalDay("2026-09-06", "America/Santiago").toISOString()).toBe("2026-09-06T04:00:00.000Z");
    // A zone nobody knows falls back to UTC rather than failing the page.
    const unknown = parsePeriod({ period: "7d" }, late, "Mars/Olympus");
    expect(unknown.ok && [unknown.period.timeZone, unknown.period.lastDay]).toEqual(["UTC", "2026-05-20"]);
  });

  it("count a sale at 00:30 in Paris on the Paris day, and recount every day when the band changes zone", async () => {
    const shop = await makeShop(db);
    expect((await setZone(shop, "Europe/Paris")).ok).toBe(true);
    await albumOrder(shop, "2026-02-28T23:30:00Z"); // 1 March 00:30 in Paris
    await albumOrder(shop, "2026-03-31T21:59:59.999Z"); // 31 March 23:59:59.999 in Paris (summer time)
    await albumOrder(shop, "2026-03-31T22:30:00Z"); // 1 April 00:30 in Paris
    await playAt(shop, "2026-02-28T23:30:00Z");

    let period = march("Europe/Paris");
    expect([period.from.toISOString(), period.to.toISOString()]).toEqual([
      "2026-02-28T23:00:00.000Z",
      "2026-03-31T22:00:00.000Z",
    ]);
    let overview = await getOverview(db, shop.artist.id, period);
    expect([overview.current.orders, overview.current.plays, overview.previous.orders]).toEqual([2, 1, 0]);
    let series = await getSeries(db, shop.artist.id, period);
    expect([series.points[0], series.points[30]]).toEqual([
      { start: "2026-03-01", net: { EUR: 630 }, orders: 1, plays: 1 },
      { start: "2026-03-31", net: { EUR: 630 }, orders: 1, plays: 0 },
    ]);

    expect((await setZone(shop, "UTC")).ok).toBe(true);
    period = march("UTC");
    overview = await getOverview(db, shop.artist.id, period);
    expect([
      overview.current.orders,
      overview.current.plays,
      overview.previous.orders,
      overview.previous.plays,
    ]).toEqual([2, 0, 1, 1]);
    series = await getSeries(db, shop.artist.id, period);
    expect([series.points[0].orders, series.points[30]]).toEqual([
      0,
      { start: "2026-03-31", net: { EUR: 1260 }, orders: 2, plays: 0 },
    ]);
  });

  it("refuses a zone that does not exist and changes nothing", async () => {
    const shop = await makeShop(db);
    expect(await setZone(shop, "Mars/Olympus")).toMatchObject({
      ok: false,
      error: "invalid",
      fieldErrors: { timeZone: "time_zone_invalid" },
    });
    expect(await setZone(shop, "Europe/Paris; drop table orders")).toMatchObject({
      ok: false,
      fieldErrors: { timeZone: "time_zone_invalid" },
    });
    const [row] = await db.select({ timeZone: artists.timeZone }).from(artists).where(eq(artists.id, shop.artist.id));
    expect(row.timeZone).toBe("UTC");
  });

  it("loses no play and counts none twice when the zone changes while fans listen", async () => {
    const shop = await makeShop(db);
    const at = (i: number) => new Date(Date.UTC(2026, 2, 1 + (i % 28), i % 24, 30)).toISOString();
    const writes = Array.from({ length: 60 }, (_, i) =>
      playAt(shop, at(i), { outcome: i % 3 === 0 ? "skip" : "complete" }),
    );
    const changes = ["Europe/Paris", "America/New_York", "Asia/Kolkata"].map((zone) => setZone(shop, zone));
    await Promise.all([...writes, ...changes]);
    const kept = await dailyRows(shop.artist.id);
    await db.transaction((tx) => rebuildDailyStats(tx, shop.artist.id));
    expect(await dailyRows(shop.artist.id)).toEqual(kept);
  });

  // Kiritimati is UTC+14: a play at 12:00 UTC on 1 March is on 2 March there.
  const KIRITIMATI = "Pacific/Kiritimati";
  const playDays = async (shop: Shop) =>
    (
      await db.execute<{ day: string }>(
        sql`select to_char(day, 'YYYY-MM-DD') as day from stats_plays_daily where artist_id = ${shop.artist.id} and complete > 0 order by day`,
      )
    ).map((r) => r.day);
  const gate = () => {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { open, opened };
  };
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it("makes a play that arrives during a zone change wait, then counts it in the new zone", async () => {
    const shop = await makeShop(db);
    const rebuilt = gate();
    const commit = gate();
    const change = db.transaction(async (tx) => {
      await tx.update(artists).set({ timeZone: KIRITIMATI }).where(eq(artists.id, shop.artist.id));
      await rebuildDailyStats(tx, shop.artist.id);
      rebuilt.open();
      await commit.opened;
    });
    await rebuilt.opened;
    const write = playAt(shop, "2026-03-01T12:00:00Z");
    await pause(150);
    commit.open();
    await Promise.all([change, write]);
    expect(await playDays(shop)).toEqual(["2026-03-02"]);
  });

  it("makes a zone change wait for a play being written, then recounts it", async () => {
    const shop = await makeShop(db);
    const written = gate();
    const commit = gate();
    const write = db.transaction(async (tx) => {
      await tx.insert(plays).values({
        artistId: shop.artist.id,
        trackId: shop.tracks[0].id,
        releaseId: shop.album.id,
        playedAt: new Date("2026-03-01T12:00:00Z"),
        secondsListened: 30,
        outcome: "complete",
      });
      written.open();
      await commit.opened;
    });
    await written.opened;
    const change = setZone(shop, KIRITIMATI);
    await pause(150);
    commit.open();
    await Promise.all([write, change]);
    expect(await playDays(shop)).toEqual(["2026-03-02"]);
  });
});
