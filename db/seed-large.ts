import { getTableName } from "drizzle-orm";
import { hashPassword } from "@/lib/auth/password";
import { fail, log, prepareDatabase } from "@/lib/cli/runtime";
import { createDb } from "./client";
import {
  artists,
  orderItems,
  orders,
  planInvoices,
  plays,
  products,
  releases,
  statsCountriesDaily,
  statsDaily,
  statsFormatsDaily,
  statsItemsDaily,
  statsPlaysDaily,
  statsSourcesDaily,
  tracks,
} from "./schema";
import { bandsSql, itemsSql, ordersSql, playsSql, RANDOM_FN, type LargeSizes } from "./seed-large-sql";

/**
 * `npm run seed:large`: a database to measure the dashboard and the operator console against — 10k bands (a fifth on Pro, with their invoices), 1M orders with
 * their items, 10M plays, and one band ("large-band-1") with 100k orders and 1M plays — made by
 * INSERT … SELECT generate_series in batches, never row by row, then the daily figures recounted in one pass. Same database as `npm run bench`
 * (DATABASE_URL, or the embedded server's `merchtable_bench`). SEED_SCALE=0.01 makes a hundredth.
 */
export const LARGE_BAND = { slug: "large-band-1", email: "large@merchtable.local", password: "large-band-password" };

export function largeSizes(scale = Number(process.env.SEED_SCALE ?? 1)): LargeSizes {
  const n = (value: number) => Math.max(1, Math.round(value * scale));
  return {
    bands: Math.max(2, n(10_000)),
    orders: n(1_000_000),
    bigBandOrders: n(100_000),
    plays: n(10_000_000),
    bigBandPlays: n(1_000_000),
  };
}

const BATCH = 500_000;

/** Named through their declarations: a table that does not exist (as two stats tables once did here) fails the typecheck, not the last step. */
const ANALYZED = [
  artists,
  releases,
  tracks,
  products,
  orders,
  orderItems,
  planInvoices,
  plays,
  statsDaily,
  statsCountriesDaily,
  statsSourcesDaily,
  statsItemsDaily,
  statsFormatsDaily,
  statsPlaysDaily,
];

type Step = (label: string, statements: string[]) => Promise<void>;

async function load(sizes: LargeSizes, step: Step) {
  for (let from = 1; from <= sizes.orders; from += BATCH) {
    const to = Math.min(sizes.orders, from + BATCH - 1);
    await step(`orders ${from}–${to}`, [ordersSql(sizes, from, to)]);
    await step(`order items ${from}–${to}`, itemsSql(sizes, from, to));
  }
  for (let from = 1; from <= sizes.plays; from += BATCH * 2) {
    const to = Math.min(sizes.plays, from + BATCH * 2 - 1);
    await step(`plays ${from}–${to}`, [playsSql(sizes, from, to)]);
  }
}

async function main() {
  const started = performance.now();
  const { url, server } = await prepareDatabase("merchtable_bench").catch((e: Error) => fail(e.message));
  // One connection: the pg_temp helper lives in this session.
  const { client } = createDb(url, { max: 1 });
  try {
    const [seeded] = await client`select count(*)::int as orders from orders where artist_id = 'lg-a-1'`;
    if (seeded.orders > 0) {
      log(`already seeded (${seeded.orders} orders for ${LARGE_BAND.slug}); drop the database to start again`);
      return;
    }
    const sizes = largeSizes();
    log(`seeding ${sizes.bands} bands, ${sizes.orders} orders, ${sizes.plays} plays…`);
    await client.unsafe("set synchronous_commit = off");
    await client.unsafe("set maintenance_work_mem = '512MB'");
    await client.unsafe(RANDOM_FN);
    // Generated rows are consistent by construction: a superuser skips the per-row foreign-key checks.
    const [{ rolsuper }] = await client`select rolsuper from pg_roles where rolname = current_user`;
    if (rolsuper) await client.unsafe("set session_replication_role = replica");
    log(
      rolsuper
        ? "foreign-key triggers off for this session (superuser)"
        : "not a superuser: foreign keys are checked row by row (slower)",
    );
    const step: Step = async (label, statements) => {
      const t = performance.now();
      let rows = 0;
      for (const statement of statements) rows += (await client.unsafe(statement)).count;
      log(`${label}: ${rows} rows in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    };
    await step("bands, releases, tracks, CDs", bandsSql(sizes));
    // Building an index once by sorting beats updating it for every row; definitions are read back from the database.
    const indexes = await client<{ indexname: string; indexdef: string }[]>`
      select indexname, indexdef from pg_indexes where schemaname = 'public' and tablename in ('orders', 'order_items', 'plays')
        and indexname not in (select conname from pg_constraint)`;
    for (const index of indexes) await client.unsafe(`drop index if exists "${index.indexname}"`);
    // The daily-figure triggers would count 11M rows one by one: off while loading, then one set-based recount.
    await client.unsafe("alter table orders disable trigger user; alter table plays disable trigger user");
    try {
      await load(sizes, step);
    } finally {
      await client.unsafe("alter table orders enable trigger user; alter table plays enable trigger user");
      await step(
        `rebuild ${indexes.length} indexes`,
        indexes.map((i) => i.indexdef),
      );
    }
    await step("daily figures (stats_rebuild)", ["select stats_rebuild(null::text)"]);
    await step("platform revenue (platform_revenue_rebuild)", ["select platform_revenue_rebuild()"]);
    const [owner] =
      await client`insert into users (id, email, name, password_hash) values ('lg-u-1', ${LARGE_BAND.email}, 'Large Band', ${await hashPassword(LARGE_BAND.password)})
      on conflict do nothing returning id`;
    if (owner) await client`insert into artist_members (artist_id, user_id, role) values ('lg-a-1', 'lg-u-1', 'owner')`;
    // Index-only scans need the visibility map; the planner needs fresh statistics.
    await step("vacuum analyze", [`vacuum analyze ${ANALYZED.map((table) => getTableName(table)).join(", ")}`]);
    log(
      `done in ${((performance.now() - started) / 1000).toFixed(1)} s — sign in as ${LARGE_BAND.email} / ${LARGE_BAND.password} to see /dashboard/${LARGE_BAND.slug}`,
    );
  } finally {
    await client.end({ timeout: 5 });
    await server?.stop();
  }
}

if (process.argv[1]?.endsWith("seed-large.ts")) main().catch((error: Error) => fail(error.stack ?? error.message));
