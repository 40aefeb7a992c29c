import { createDb } from "@/db/client";
import { listBands } from "@/lib/admin/bands";
import { platformRevenue } from "@/lib/admin/revenue";
import { fail, log, prepareDatabase } from "@/lib/cli/runtime";
import { fixed, printTable, quantile, timings } from "./table";

/**
 * The operator console on the 10k-band / 1M-order database of `npm run seed:large`: the band
 * list (first page, searches, filters, a page deep in the keyset) and the revenue page's query,
 * each run as the page runs it, BENCH_RUNS times (default 30) after 3 warm-up runs. Target p95 ≤ 200 ms.
 */
const TARGET_MS = 200;
const DAY = 86_400_000;

export async function benchAdmin(databaseUrl: string) {
  const { db, client } = createDb(databaseUrl, { max: 4 });
  try {
    const [{ bands, orders }] = await client<{ bands: number; orders: number }[]>`
      select (select count(*)::int from artists) as bands, (select count(*)::int from orders) as orders`;
    if (orders < 100_000) {
      log(
        "admin: no large database here — run `npm run seed:large` first (same DATABASE_URL; a few minutes), then `npm run bench` again",
      );
      return;
    }
    // A cursor 20 pages in (1,000 bands down the list), found once as an operator clicking "Next" would.
    let after: string | undefined;
    for (let i = 0; i < 20; i++) after = (await listBands(db, { after })).next ?? undefined;
    const today = new Date(Date.now() - (Date.now() % DAY) + DAY);
    const runs = Math.max(5, Number(process.env.BENCH_RUNS ?? 30));
    const cases: [string, () => Promise<unknown>][] = [
      ["bands: first page (sales 30 days)", () => listBands(db, {})],
      ["bands: first page (sales all time)", () => listBands(db, { period: "all" })],
      ["bands: page 21 (keyset)", () => listBands(db, { after })],
      ['bands: search a name ("band 42")', () => listBands(db, { q: "band 42" })],
      ["bands: search a member's e-mail", () => listBands(db, { q: "large@merchtable.local" })],
      ["bands: Pro + suspended", () => listBands(db, { plan: "pro", status: "suspended" })],
      [
        "revenue: 90 days per day",
        () => platformRevenue(db, { from: new Date(today.getTime() - 90 * DAY), to: today, bucket: "day" }),
      ],
      [
        "revenue: 2 years per month",
        () => platformRevenue(db, { from: new Date(today.getTime() - 731 * DAY), to: today, bucket: "month" }),
      ],
    ];
    const rows: string[][] = [];
    for (const [label, run] of cases) {
      const times = await timings(run, runs);
      const p95 = quantile(times, 0.95);
      rows.push([label, fixed(quantile(times, 0.5), 1), fixed(p95, 1), p95 <= TARGET_MS ? "met" : "NOT met"]);
    }
    printTable(
      `Operator console: ${bands} bands, ${orders} orders — ${runs} runs each, ms`,
      ["query", "p50", "p95", `p95 ≤ ${TARGET_MS}`],
      rows,
    );
  } finally {
    await client.end({ timeout: 5 });
  }
}

async function main() {
  const { url, server } = await prepareDatabase("merchtable_bench").catch((e: Error) => fail(e.message));
  try {
    await benchAdmin(url);
  } finally {
    await server?.stop();
  }
}

if (process.argv[1]?.endsWith("admin.ts")) main().catch((error: Error) => fail(error.stack ?? error.message));
