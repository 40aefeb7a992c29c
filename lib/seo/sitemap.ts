import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { entriesPerFile, SITEMAP_MAX_URLS, type SitemapEntry } from "./sitemap-xml";

/**
 * What search engines are told about: every published release, and every shop with something
 * to show (a published release or merch item). Drafts never, and a release taken back to draft
 * or deleted leaves at the next fetch. Unlisted releases (past a Free plan's limit) are left out
 * too: their address works for buyers, but the shop does not show them.
 *
 * Entries are ordered by (band slug, release slug), "" standing for the shop itself. That pair is
 * unique, so a file is read by keyset pagination in batches: no request holds every row, and each
 * batch starts from the artists' and releases' slug indexes rather than sorting the whole site.
 */

type Key = { artist: string; release: string };
type Row = { artist: string; release: string; lastmod: Date | string };

/** A shop's lastmod: the newest change of the band or of what its page shows. */
const SHOP_LATEST = sql`(
  select max(updated_at) from (
    select updated_at from releases where artist_id = a.id and status = 'published' and listed and taken_down_at is null
    union all
    select updated_at from products where artist_id = a.id and published
  ) shown)`;

/** Every entry, for planning the files (one pass in the database, nothing read out but the plan). */
const ENTRIES = sql`
  select a.slug as artist, '' as release, greatest(a.updated_at, latest) as lastmod
  from artists a cross join lateral ${SHOP_LATEST} as shop(latest)
  where latest is not null and a.status = 'active'
  union all
  select a.slug, r.slug, r.updated_at
  from releases r join artists a on a.id = r.artist_id
  where r.status = 'published' and r.listed and r.taken_down_at is null and a.status = 'active'`;

/** One sitemap file: where it starts and its newest change (the index's lastmod). */
export type SitemapFile = { first: Key; lastmod: Date };

/** The files the sitemap needs, at most `maxUrls` URLs each (a lower limit in tests). */
export async function planSitemap(db: DbOrTx, maxUrls: number = SITEMAP_MAX_URLS): Promise<SitemapFile[]> {
  const per = entriesPerFile(maxUrls);
  // Only each file's first key and newest date leave the database, whatever the site's size.
  const rows = await db.execute<Row & { file: number }>(sql`
    with entries as (${ENTRIES}),
    numbered as (
      select artist, release, lastmod, (row_number() over (order by artist, release) - 1) / ${per} as file
      from entries
    )
    select distinct on (file) file, artist, release, max(lastmod) over (partition by file) as lastmod
    from numbered
    order by file, artist, release`);
  return [...rows].map((row) => ({
    first: { artist: row.artist, release: row.release },
    lastmod: new Date(row.lastmod),
  }));
}

const toEntry = (row: Row): SitemapEntry => ({
  path: row.release ? `/${row.artist}/${row.release}` : `/${row.artist}`,
  lastmod: new Date(row.lastmod),
});

type Bound = { key: Key; inclusive: boolean };

/**
 * One batch: each kind of entry read in key order from its own index and cut at `limit`, then
 * merged. A shop's key is (slug, ""), so the shop conditions reduce to comparisons of the slug.
 */
async function batch(db: DbOrTx, lower: Bound | null, upper: Key | null, limit: number): Promise<Row[]> {
  // A suspended shop and a taken-down or unlisted release leave the sitemap.
  const shop: SQL[] = [sql`latest is not null`, sql`a.status = 'active'`];
  const release: SQL[] = [
    sql`r.status = 'published' and r.listed`,
    sql`r.taken_down_at is null`,
    sql`a.status = 'active'`,
  ];
  if (lower) {
    const { artist, release: slug } = lower.key;
    const op = lower.inclusive ? sql`>=` : sql`>`;
    shop.push(lower.inclusive && slug === "" ? sql`a.slug >= ${artist}` : sql`a.slug > ${artist}`);
    release.push(sql`a.slug >= ${artist}`, sql`(a.slug, r.slug) ${op} (${artist}, ${slug})`);
  }
  if (upper) {
    shop.push(upper.release === "" ? sql`a.slug < ${upper.artist}` : sql`a.slug <= ${upper.artist}`);
    release.push(sql`a.slug <= ${upper.artist}`, sql`(a.slug, r.slug) < (${upper.artist}, ${upper.release})`);
  }
  const rows = await db.execute<Row>(sql`
    select artist, release, lastmod from (
      (select a.slug as artist, '' as release, greatest(a.updated_at, latest) as lastmod
       from artists a cross join lateral ${SHOP_LATEST} as shop(latest)
       where ${sql.join(shop, sql` and `)} order by a.slug limit ${limit})
      union all
      (select a.slug, r.slug, r.updated_at from releases r join artists a on a.id = r.artist_id
       where ${sql.join(release, sql` and `)} order by a.slug, r.slug limit ${limit})
    ) entries order by artist, release limit ${limit}`);
  return [...rows];
}

/**
 * The entries from `from` (included) up to `before` (excluded, or the end), in batches of
 * `batchSize` rows, each batch one keyset query that starts after the last key of the one before.
 */
export async function* sitemapEntries(
  db: DbOrTx,
  range: { from?: Key; before?: Key } = {},
  batchSize = 2000,
): AsyncGenerator<SitemapEntry> {
  let lower: Bound | null = range.from ? { key: range.from, inclusive: true } : null;
  for (;;) {
    const rows = await batch(db, lower, range.before ?? null, batchSize);
    for (const row of rows) yield toEntry(row);
    if (rows.length < batchSize) return;
    const last = rows[rows.length - 1];
    lower = { key: { artist: last.artist, release: last.release }, inclusive: false };
  }
}

/** File n (from 1) of a plan: its range of entries, or null past the last file. */
export function fileRange(plan: SitemapFile[], n: number): { from: Key; before?: Key } | null {
  if (!Number.isInteger(n) || n < 1 || n > plan.length) return null;
  return { from: plan[n - 1].first, before: plan[n]?.first };
}
