import { describe, expect, it } from "vitest";
import { orderItems, orders, plays } from "@/db/schema";
import { checkArtistAccess } from "@/lib/artists/access";
import {
  byCountry,
  bySource,
  getOverview,
  getSeries,
  parsePeriod,
  playsByTrack,
  salesByFormat,
  salesByRelease,
  type Period,
} from "@/lib/stats";
import { useTestDb } from "@/tests/support/factories";
import { makeShop } from "@/tests/support/orders";

const db = useTestDb();
type Shop = Awaited<ReturnType<typeof makeShop>>;
type ItemSpec = {
  kind: "release" | "track" | "product";
  releaseId?: string;
  trackId?: string;
  productId?: string;
  quantity?: number;
  unitAmount: number;
};

/** March 2026 (31 days, UTC); the previous period is the 31 days before it. */
const march = (): Period => {
  const result = parsePeriod({ period: "custom", from: "2026-03-01", to: "2026-03-31" });
  if (!result.ok) throw new Error(result.error);
  return result.period;
};

async function order(shop: Shop, at: string, o: Partial<typeof orders.$inferInsert>, items: ItemSpec[]) {
  const subtotal = items.reduce((sum, i) => sum + i.unitAmount * (i.quantity ?? 1), 0);
  const currency = o.currency ?? "EUR";
  // An order and its items are written in one transaction, as checkout and redemption do: the daily figures count them at its commit.
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(orders)
      .values({
        artistId: shop.artist.id,
        status: "paid",
        currency,
        subtotal,
        total: subtotal + (o.shipping ?? 0),
        provider: "test",
        expiresAt: new Date(at),
        paidAt: new Date(at),
        ...o,
      })
      .returning();
    await tx
      .insert(orderItems)
      .values(items.map((i) => ({ orderId: row.id, title: "line", currency, quantity: 1, ...i })));
    return row;
  });
}

async function play(shop: Shop, at: string, track: 0 | 1, p: Partial<typeof plays.$inferInsert>) {
  await db.insert(plays).values({
    artistId: shop.artist.id,
    trackId: shop.tracks[track].id,
    releaseId: shop.album.id,
    playedAt: new Date(at),
    secondsListened: 30,
    outcome: "complete",
    ...p,
  });
}

/** The fixed dataset every expectation below is computed from by hand. */
async function fixedShop() {
  const shop = await makeShop(db);
  const album = { kind: "release" as const, releaseId: shop.album.id };
  // In March: the last millisecond of the 31st, the first of the 1st.
  await order(
    shop,
    "2026-03-31T23:59:59.999Z",
    { platformFee: 70, source: "embed", sourceHost: "blog.example", buyerCountry: "DE" },
    [{ ...album, unitAmount: 700 }],
  );
  await order(
    shop,
    "2026-03-01T00:00:00.000Z",
    { shipping: 400, platformFee: 240, refundedAmount: 1000, status: "partially_refunded", buyerCountry: "FR" },
    [{ kind: "product", productId: shop.cd.id, quantity: 2, unitAmount: 1200 }],
  );
  await order(
    shop,
    "2026-03-15T12:00:00.000Z",
    { currency: "USD", platformFee: 15, refundedAmount: 150, status: "refunded", buyerCountry: "US" },
    [{ kind: "track", releaseId: shop.album.id, trackId: shop.tracks[0].id, unitAmount: 150 }],
  );
  await order(shop, "2026-03-10T08:00:00.000Z", { provider: "free", buyerCountry: "FR" }, [
    { ...album, unitAmount: 0 },
  ]);
  await order(shop, "2026-03-11T08:00:00.000Z", { provider: "code", source: "code" }, [{ ...album, unitAmount: 0 }]);
  // Outside March, or never paid: none of these count in March.
  await order(shop, "2026-04-01T00:00:00.000Z", { platformFee: 70, buyerCountry: "DE" }, [
    { ...album, unitAmount: 700 },
  ]);
  await order(shop, "2026-03-12T00:00:00.000Z", { status: "pending" }, [{ ...album, unitAmount: 700 }]);
  await order(shop, "2026-03-13T00:00:00.000Z", { status: "canceled" }, [{ ...album, unitAmount: 700 }]);
  // The previous period's last millisecond.
  await order(shop, "2026-02-28T23:59:59.999Z", { platformFee: 70, buyerCountry: "FR" }, [
    { ...album, unitAmount: 700 },
  ]);

  await play(shop, "2026-03-31T23:59:59.999Z", 0, { country: "DE" });
  await play(shop, "2026-04-01T00:00:00.000Z", 0, { country: "DE" });
  await play(shop, "2026-03-05T10:00:00.000Z", 0, {
    outcome: "partial",
    source: "embed",
    sourceHost: "blog.example",
    country: "DE",
  });
  await play(shop, "2026-03-06T10:00:00.000Z", 1, { outcome: "skip", country: "FR" });
  await play(shop, "2026-03-06T11:00:00.000Z", 1, { country: "FR" });
  await play(shop, "2026-02-15T10:00:00.000Z", 0, { country: "FR" });
  return shop;
}

describe("a band's figures for a period", () => {
  it("subtracts fees and refunds, keeps each currency apart, and compares with the previous period", async () => {
    const shop = await fixedShop();
    const { current, previous } = await getOverview(db, shop.artist.id, march());
    expect(current.money).toEqual([
      { currency: "EUR", gross: 3500, fees: 310, refunds: 1000, net: 2190, orders: 2 },
      { currency: "USD", gross: 150, fees: 15, refunds: 150, net: -15, orders: 1 },
    ]);
    expect(current).toMatchObject({
      orders: 3,
      units: 4,
      plays: 4,
      freeDownloads: 1,
      codeRedemptions: 1,
      conversion: 3 / 4,
    });
    expect(previous).toEqual({
      money: [{ currency: "EUR", gross: 700, fees: 70, refunds: 0, net: 630, orders: 1 }],
      orders: 1,
      units: 1,
      plays: 1,
      freeDownloads: 0,
      codeRedemptions: 0,
      conversion: 1,
    });
  });

  it("puts 23:59:59.999 in the day and 00:00 in the next, in every bucket of the chart", async () => {
    const shop = await fixedShop();
    const series = await getSeries(db, shop.artist.id, march());
    expect(series.bucket).toBe("day");
    expect(series.currencies).toEqual(["EUR", "USD"]);
    expect(series.points).toHaveLength(31);
    expect(series.points[0]).toEqual({ start: "2026-03-01", net: { EUR: 1560 }, orders: 1, plays: 0 });
    expect(series.points[14]).toEqual({ start: "2026-03-15", net: { USD: -15 }, orders: 1, plays: 0 });
    expect(series.points[30]).toEqual({ start: "2026-03-31", net: { EUR: 630 }, orders: 1, plays: 1 });
    expect(series.points[5]).toEqual({ start: "2026-03-06", net: {}, orders: 0, plays: 2 });
  });

  it("breaks sales down by release and by format", async () => {
    const shop = await fixedShop();
    const period = march();
    const releases = await salesByRelease(db, shop.artist.id, period);
    expect(releases.map((r) => [r.key, r.label, r.orders, r.units, r.money])).toEqual([
      [
        `release:${shop.album.id}`,
        "Test Album",
        4,
        4,
        [
          { currency: "EUR", amount: 700 },
          { currency: "USD", amount: 150 },
        ],
      ],
      [`product:${shop.cd.id}`, "Test Album CD", 1, 2, [{ currency: "EUR", amount: 2400 }]],
    ]);
    const formats = Object.fromEntries(
      (await salesByFormat(db, shop.artist.id, period)).map((r) => [r.key, [r.orders, r.units, r.money]]),
    );
    expect(formats).toEqual({
      album: [1, 1, [{ currency: "EUR", amount: 700 }]],
      physical: [1, 2, [{ currency: "EUR", amount: 2400 }]],
      track: [1, 1, [{ currency: "USD", amount: 150 }]],
      free: [2, 2, []],
    });
  });

  it("breaks orders and plays down by country and by source, embedding sites by their domain", async () => {
    const shop = await fixedShop();
    const period = march();
    const countries = Object.fromEntries(
      (await byCountry(db, shop.artist.id, period)).map((r) => [r.key, [r.orders, r.plays, r.money]]),
    );
    expect(countries).toEqual({
      DE: [1, 2, [{ currency: "EUR", amount: 630 }]],
      FR: [1, 2, [{ currency: "EUR", amount: 1560 }]],
      US: [1, 0, [{ currency: "USD", amount: -15 }]],
    });
    const sources = Object.fromEntries(
      (await bySource(db, shop.artist.id, period)).map((r) => [
        `${r.key}${r.host ? `:${r.host}` : ""}`,
        [r.orders, r.plays, r.money],
      ]),
    );
    expect(sources).toEqual({
      shop: [
        3,
        3,
        [
          { currency: "EUR", amount: 1560 },
          { currency: "USD", amount: -15 },
        ],
      ],
      "embed:blog.example": [1, 1, [{ currency: "EUR", amount: 630 }]],
      code: [1, 0, [{ currency: "EUR", amount: 0 }]],
    });
  });

  it("splits each track's plays into complete, partial and skip", async () => {
    const shop = await fixedShop();
    expect(await playsByTrack(db, shop.artist.id, march())).toEqual([
      {
        trackId: shop.tracks[0].id,
        title: "Song 1",
        release: "Test Album",
        complete: 1,
        partial: 1,
        skip: 0,
        total: 2,
      },
      {
        trackId: shop.tracks[1].id,
        title: "Song 2",
        release: "Test Album",
        complete: 1,
        partial: 0,
        skip: 1,
        total: 2,
      },
    ]);
  });

  it("gives a member of another band nothing for this band", async () => {
    const shop = await fixedShop();
    const other = await makeShop(db);
    expect(await checkArtistAccess(db, other.owner.id, { id: shop.artist.id })).toEqual({
      allowed: false,
      reason: "not_member",
    });
    const period = march();
    const { current, previous } = await getOverview(db, other.artist.id, period);
    expect([current, previous].map((t) => [t.money, t.orders, t.plays, t.freeDownloads])).toEqual([
      [[], 0, 0, 0],
      [[], 0, 0, 0],
    ]);
    for (const rows of await Promise.all(
      [salesByRelease, salesByFormat, byCountry, bySource, playsByTrack].map((f) => f(db, other.artist.id, period)),
    ))
      expect(rows).toEqual([]);
    expect((await getSeries(db, other.artist.id, period)).points.every((p) => p.orders === 0 && p.plays === 0)).toBe(
      true,
    );
  });
});

describe("periods", () => {
  const now = new Date("2026-05-20T15:30:00Z");
  it("ends today at midnight UTC and compares with the same length just before", () => {
    const week = parsePeriod({ period: "7d" }, now);
    expect(
      week.ok && [
        week.period.from.toISOString(),
        week.period.to.toISOString(),
        week.period.previousFrom.toISOString(),
        week.period.bucket,
      ],
    ).toEqual(["2026-05-14T00:00:00.000Z", "2026-05-21T00:00:00.000Z", "2026-05-07T00:00:00.000Z", "day"]);
    const year = parsePeriod({ period: "year" }, now);
    expect(year.ok && [year.period.firstDay, year.period.lastDay, year.period.days, year.period.bucket]).toEqual([
      "2026-01-01",
      "2026-05-20",
      140,
      "week",
    ]);
    const ninety = parsePeriod({ period: "90d" }, now);
    expect(ninety.ok && ninety.period.bucket).toBe("week");
    const unknown = parsePeriod({ period: "forever" }, now);
    expect(unknown.ok && unknown.period.preset).toBe("30d");
  });

  it("refuses impossible, reversed or over-long custom ranges", () => {
    expect(parsePeriod({ period: "custom", from: "2026-02-30", to: "2026-03-01" })).toEqual({
      ok: false,
      error: "bad_date",
    });
    expect(parsePeriod({ period: "custom", from: "2026-03-02", to: "2026-03-01" })).toEqual({
      ok: false,
      error: "range_order",
    });
    expect(parsePeriod({ period: "custom", from: "2000-01-01", to: "2026-03-01" })).toEqual({
      ok: false,
      error: "range_too_long",
    });
    const long = parsePeriod({ period: "custom", from: "2024-01-01", to: "2026-03-01" });
    expect(long.ok && long.period.bucket).toBe("month");
  });
});
