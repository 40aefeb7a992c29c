import { createDb } from "@/db/client";
import { LARGE_BAND } from "@/db/seed-large";
import { fail, log, prepareDatabase } from "@/lib/cli/runtime";
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
import { fixed, printTable, quantile, timings } from "./table";

/**
 * The dashboard's figures for the 100k-order band inside the 1M-order database that
 * `npm run seed:large` makes: each widget's server time (its SQL round trips, as the page runs
 * them) over BENCH_RUNS runs (default 30) after 3 warm-up runs. Target p95 ≤ 200 ms.
 */
const TARGET_MS = 200;

export async function benchDashboard(databaseUrl: string) {
  const { db, client } = createDb(databaseUrl, { max: 10 });
  try {
    const [band] = await client<{ id: string; orders: number; plays: number }[]>`
      select a.id, (select count(*)::int from orders where artist_id = a.id) as orders, (select count(*)::int from plays where artist_id = a.id) as plays
      from artists a where a.slug = ${LARGE_BAND.slug}`;
    if (!band) {
      log(
        "dashboard: no large database here — run `npm run seed:large` first (same DATABASE_URL; a few minutes), then `npm run bench` again",
      );
      return;
    }
    const [{ total }] = await client<{ total: number }[]>`select count(*)::int as total from orders`;
    const runs = Math.max(5, Number(process.env.BENCH_RUNS ?? 30));
    const rows: string[][] = [];
    for (const preset of ["30d", "90d", "year"] as const) {
      const parsed = parsePeriod({ period: preset });
      if (!parsed.ok) throw new Error(parsed.error);
      const period: Period = parsed.period;
      const widgets: [string, () => Promise<unknown>][] = [
        ["overview (totals + previous)", () => getOverview(db, band.id, period)],
        [`chart (${period.bucket}s)`, () => getSeries(db, band.id, period)],
        ["by release", () => salesByRelease(db, band.id, period)],
        ["by format", () => salesByFormat(db, band.id, period)],
        ["by country", () => byCountry(db, band.id, period)],
        ["by source", () => bySource(db, band.id, period)],
        ["plays per track", () => playsByTrack(db, band.id, period)],
      ];
      const parts = widgets.map(([, run]) => run);
      widgets.push(["whole page (all at once)", () => Promise.all(parts.map((run) => run()))]);
      for (const [label, run] of widgets) {
        const times = await timings(run, runs);
        const p95 = quantile(times, 0.95);
        rows.push([preset, label, fixed(quantile(times, 0.5), 1), fixed(p95, 1), p95 <= TARGET_MS ? "met" : "NOT met"]);
      }
    }
    printTable(
      `Dashboard figures: ${LARGE_BAND.slug} (${band.orders} orders, ${band.plays} plays) in a database of ${total} orders — ${runs} runs each, ms`,
      ["period", "widget", "p50", "p95", `p95 ≤ ${TARGET_MS}`],
      rows,
    );
    await benchWrites(client, runs * 10);
  } finally {
    await client.end({ timeout: 5 });
  }
}

/**
 * What the daily figures cost writers: a play recorded, and a paid order with its item committed,
 * one at a time in a scratch band (its rows are deleted afterwards), triggers and all.
 */
async function benchWrites(client: ReturnType<typeof createDb>["client"], runs: number) {
  const id = `bench-writes-${Date.now()}`;
  await client`insert into artists (id, slug, name, time_zone) values (${id}, ${id}, 'Bench writes', 'Europe/Paris')`;
  await client`insert into releases (id, artist_id, slug, title) values (${id}, ${id}, 'r', 'R')`;
  await client`insert into tracks (id, release_id, artist_id, position, title, master_key) values (${id}, ${id}, ${id}, 1, 'T', 'masters/none.flac')`;
  try {
    let n = 0;
    const play = () =>
      client`insert into plays (id, track_id, release_id, artist_id, seconds_listened, outcome, country) values (${`${id}-p${n++}`}, ${id}, ${id}, ${id}, 30, 'complete', 'FR')`;
    const order = () =>
      client.begin(async (tx) => {
        const orderId = `${id}-o${n++}`;
        await tx`insert into orders (id, artist_id, status, currency, subtotal, total, platform_fee, provider, expires_at, paid_at, buyer_country)
          values (${orderId}, ${id}, 'paid', 'EUR', 700, 700, 70, 'test', now(), now(), 'DE')`;
        await tx`insert into order_items (id, order_id, kind, release_id, title, unit_amount, currency) values (${orderId}, ${orderId}, 'release', ${id}, 'R', 700, 'EUR')`;
      });
    const rows: string[][] = [];
    for (const [label, run] of [
      ["record a play", play],
      ["pay an order (order + item, one commit)", order],
    ] as const) {
      const times = await timings(run, runs);
      rows.push([label, fixed(quantile(times, 0.5), 2), fixed(quantile(times, 0.95), 2)]);
    }
    printTable(`Writes with the daily figures kept by triggers — ${runs} runs each, ms`, ["write", "p50", "p95"], rows);
  } finally {
    await client`delete from orders where artist_id = ${id}`;
    await client`delete from artists where id = ${id}`;
  }
}

async function main() {
  const { url, server } = await prepareDatabase("merchtable_bench").catch((e: Error) => fail(e.message));
  try {
    await benchDashboard(url);
  } finally {
    await server?.stop();
  }
}

if (process.argv[1]?.endsWith("dashboard.ts")) main().catch((error: Error) => fail(error.stack ?? error.message));
