import { and, desc, eq, ilike, inArray, isNotNull, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { artistMembers, artists, orders, releases, users, type Artist, type Plan } from "@/db/schema";

export type ArtistStatus = Artist["status"];

export const PAGE_SIZE = 50;
/** Orders that took money, refunded or not: their sales count net of what went back. */
export const SOLD_STATUSES = ["paid", "partially_refunded", "refunded"] as const;

export type BandFilter = {
  q?: string;
  plan?: Plan;
  status?: ArtistStatus;
  /** Sales over the last 30 days or since the band began. */
  period?: "30d" | "all";
  /** The cursor of the previous page's last row (keyset: created_at, then id). */
  after?: string;
};

export type BandRow = {
  id: string;
  slug: string;
  name: string;
  plan: Plan;
  status: ArtistStatus;
  createdAt: Date;
  publishedReleases: number;
  /** Net of refunds, one entry per currency the band sold in (minor units). */
  sales: { currency: string; amount: number }[];
};

/** The cursor is opaque to the page; it carries the row's created_at to the microsecond and its id. */
export function encodeCursor(row: { createdAt: string; id: string }) {
  return Buffer.from(`${row.createdAt}|${row.id}`).toString("base64url");
}

function decodeCursor(cursor: string): { createdAt: string; id: string } | null {
  const [createdAt, id] = Buffer.from(cursor, "base64url").toString().split("|");
  if (!createdAt || !id || Number.isNaN(Date.parse(createdAt))) return null;
  return { createdAt, id };
}

/**
 * The console's band list, newest first, a page at a time by keyset (a later page costs what the
 * first does, on artists_created_idx). Search matches a name or slug fragment, or a member's exact
 * e-mail (users_email_lower_idx). Counts and sales are computed for the page's rows only.
 */
export async function listBands(
  db: DbOrTx,
  filter: BandFilter = {},
): Promise<{ rows: BandRow[]; next: string | null }> {
  const where: SQL[] = [];
  const q = filter.q?.trim().toLowerCase().slice(0, 200);
  if (q) {
    if (q.includes("@")) {
      where.push(
        sql`${artists.id} in (select ${artistMembers.artistId} from ${artistMembers} join ${users} on ${users.id} = ${artistMembers.userId} where lower(${users.email}) = ${q})`,
      );
    } else {
      const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.push(or(sql`lower(${artists.name}) like ${pattern}`, ilike(artists.slug, pattern))!);
    }
  }
  if (filter.plan) where.push(eq(artists.plan, filter.plan));
  if (filter.status) where.push(eq(artists.status, filter.status));
  const cursor = filter.after ? decodeCursor(filter.after) : null;
  if (cursor) where.push(sql`(${artists.createdAt}, ${artists.id}) < (${cursor.createdAt}::timestamptz, ${cursor.id})`);

  const page = await db
    .select({
      id: artists.id,
      slug: artists.slug,
      name: artists.name,
      plan: artists.plan,
      status: artists.status,
      createdAt: artists.createdAt,
      // Postgres keeps microseconds, a JS Date only milliseconds: the cursor needs the exact value.
      cursorAt: sql<string>`to_char(${artists.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(artists)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(artists.createdAt), desc(artists.id))
    .limit(PAGE_SIZE + 1);
  const more = page.length > PAGE_SIZE;
  const shown = page.slice(0, PAGE_SIZE);
  const ids = shown.map((r) => r.id);
  const [published, sales] = ids.length
    ? await Promise.all([publishedCounts(db, ids), salesByBand(db, ids, filter.period ?? "30d")])
    : [new Map<string, number>(), new Map<string, BandRow["sales"]>()];
  const last = shown.at(-1);
  return {
    rows: shown.map(({ cursorAt: _, ...row }) => ({
      ...row,
      publishedReleases: published.get(row.id) ?? 0,
      sales: sales.get(row.id) ?? [],
    })),
    next: more && last ? encodeCursor({ createdAt: last.cursorAt, id: last.id }) : null,
  };
}

async function publishedCounts(db: DbOrTx, ids: string[]) {
  const rows = await db
    .select({ artistId: releases.artistId, n: sql<number>`count(*)::int` })
    .from(releases)
    .where(and(inArray(releases.artistId, ids), eq(releases.status, "published")))
    .groupBy(releases.artistId);
  return new Map(rows.map((r) => [r.artistId, r.n]));
}

async function salesByBand(db: DbOrTx, ids: string[], period: "30d" | "all") {
  const rows = await db
    .select({
      artistId: orders.artistId,
      currency: orders.currency,
      amount: sql<number>`sum(${orders.total} - ${orders.refundedAmount})::bigint`.mapWith(Number),
    })
    .from(orders)
    .where(
      and(
        inArray(orders.artistId, ids),
        inArray(orders.status, [...SOLD_STATUSES]),
        period === "30d" ? sql`${orders.paidAt} >= now() - interval '30 days'` : isNotNull(orders.paidAt),
      ),
    )
    .groupBy(orders.artistId, orders.currency);
  const map = new Map<string, BandRow["sales"]>();
  for (const r of rows)
    map.set(r.artistId, [...(map.get(r.artistId) ?? []), { currency: r.currency, amount: r.amount }]);
  return map;
}
