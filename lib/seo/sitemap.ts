import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { entriesPerFile, SITEMAP_MAX_URLS, type SitemapEntry } from "./sitemap-xml";

/**
 * What search engines are told about: every published release, and every shop with something
 * to show (a published release or merch item). Drafts never, and a release taken down (back to
 * draft) or deleted leaves at the next fetch.
 *
 * Entries are ordered by (band slug, release slug), "" standing for the shop itself, in the "C"
 * collation so the order is the same byte order everywhere. That pair is unique, so the files are
 * read by keyset pagination in batches: no request ever holds every row.
 */

type Key = { artist: string; release: string };
type Row = { artist: string; release: string; lastmod: Date | string };

/** Lastmod: a release's own row; a shop's newest change of the band or of what it shows. */
const ENTRIES = sql`
  select a.slug collate "C" as artist, ''::text collate "C" as release,
         greatest(a.updated_at, max(shown.updated_at)) as lastmod
  from artists a
  join (
    select artist_id, updated_at from releases where status = 'published'
    union all
    select artist_id, updated_at from products where published
  ) shown on shown.artist_id = a.id
  group by a.id
  union all
  select a.slug collate "C", r.slug collate "C", r.updated_at
  from releases r join artists a on a.id = r.artist_id
  where r.status = 'published'`;

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

/**
 * The entries from `from` (included) up to `before` (excluded, or the end), in batches of
 * `batchSize` rows, each batch one keyset query that starts after the last key of the one before.
 */
export async function* sitemapEntries(
  db: DbOrTx,
  range: { from?: Key; before?: Key } = {},
  batchSize = 1000,
): AsyncGenerator<SitemapEntry> {
  let after: Key | null = null;
  for (;;) {
    const conditions: SQL[] = [];
    if (after) conditions.push(sql`(artist, release) > (${after.artist}, ${after.release})`);
    else if (range.from) conditions.push(sql`(artist, release) >= (${range.from.artist}, ${range.from.release})`);
    if (range.before) conditions.push(sql`(artist, release) < (${range.before.artist}, ${range.before.release})`);
    const where = conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
    const rows = [
      ...(await db.execute<Row>(sql`
        select artist, release, lastmod from (${ENTRIES}) entries ${where}
        order by artist, release limit ${batchSize}`)),
    ];
    for (const row of rows) yield toEntry(row);
    if (rows.length < batchSize) return;
    after = { artist: rows[rows.length - 1].artist, release: rows[rows.length - 1].release };
  }
}

/** File n (from 1) of a plan: its range of entries, or null past the last file. */
export function fileRange(plan: SitemapFile[], n: number): { from: Key; before?: Key } | null {
  if (!Number.isInteger(n) || n < 1 || n > plan.length) return null;
  return { from: plan[n - 1].first, before: plan[n]?.first };
}
