import { and, asc, count, desc, eq, gte, ilike, inArray, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { orderItems, orders, SOLD_ORDER_STATUSES, type Order, type OrderItem } from "@/db/schema";

/**
 * The band's orders, for its dashboard. Every function takes the artist id the caller has
 * already checked membership of, and never returns another band's order.
 */
export const ORDERS_PAGE_SIZE = 25;

export type BandOrder = Order & { items: OrderItem[]; toShip: boolean };

/** Paid physical items still waiting for their parcel (refunded orders ship nothing). */
function toShip(order: Order, items: OrderItem[]) {
  return (
    (order.status === "paid" || order.status === "partially_refunded") &&
    items.some((i) => i.kind === "product" && !i.shippedAt)
  );
}

const unshippedProduct = sql`exists (select 1 from ${orderItems} where ${orderItems.orderId} = ${orders.id} and ${orderItems.kind} = 'product' and ${orderItems.shippedAt} is null)`;

const hasProduct = sql`exists (select 1 from ${orderItems} where ${orderItems.orderId} = ${orders.id} and ${orderItems.kind} = 'product')`;

export const ORDER_FILTERS = ["all", "to-ship", "shipped", "refunded"] as const;
export type OrderFilter = (typeof ORDER_FILTERS)[number];

/** An ILIKE pattern for "contains": `%` and `_` typed in a search box are letters, not wildcards. */
export const containsPattern = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Shipped: every physical item posted (a refund afterwards does not unship it). */
function filterWhere(filter: OrderFilter) {
  switch (filter) {
    case "to-ship":
      return and(inArray(orders.status, ["paid", "partially_refunded"]), unshippedProduct);
    case "shipped":
      return and(inArray(orders.status, SOLD_ORDER_STATUSES), hasProduct, sql`not ${unshippedProduct}`);
    case "refunded":
      return inArray(orders.status, ["refunded", "partially_refunded"]);
    default:
      return inArray(orders.status, SOLD_ORDER_STATUSES);
  }
}

export async function listOrdersForArtist(
  db: DbOrTx,
  artistId: string,
  options: { page?: number; onlyToShip?: boolean; filter?: OrderFilter; search?: string } = {},
) {
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const search = options.search?.trim();
  const where = and(
    eq(orders.artistId, artistId),
    filterWhere(options.filter ?? (options.onlyToShip ? "to-ship" : "all")),
    search ? ilike(orders.email, containsPattern(search)) : undefined,
  );
  const [{ total }] = await db.select({ total: count() }).from(orders).where(where);
  const rows = await db
    .select()
    .from(orders)
    .where(where)
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(ORDERS_PAGE_SIZE)
    .offset((page - 1) * ORDERS_PAGE_SIZE);
  const items = rows.length
    ? await db
        .select()
        .from(orderItems)
        .where(
          inArray(
            orderItems.orderId,
            rows.map((o) => o.id),
          ),
        )
        .orderBy(orderItems.createdAt, orderItems.id)
    : [];
  const list: BandOrder[] = rows.map((order) => {
    const own = items.filter((i) => i.orderId === order.id);
    return { ...order, items: own, toShip: toShip(order, own) };
  });
  return { orders: list, total, page, pages: Math.max(1, Math.ceil(total / ORDERS_PAGE_SIZE)) };
}

/** One order of this band, or null: an id from another band's order is simply not found. */
export async function getOrderForArtist(db: DbOrTx, artistId: string, orderId: string): Promise<BandOrder | null> {
  const [order] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.artistId, artistId)));
  if (!order) return null;
  const items = await db
    .select()
    .from(orderItems)
    .where(eq(orderItems.orderId, order.id))
    .orderBy(orderItems.createdAt, orderItems.id);
  return { ...order, items, toShip: toShip(order, items) };
}

/** How many paid orders still have something to post (for the nav and the overview). */
export async function countOrdersToShip(db: DbOrTx, artistId: string) {
  const [{ n }] = await db
    .select({ n: count() })
    .from(orders)
    .where(
      and(eq(orders.artistId, artistId), inArray(orders.status, ["paid", "partially_refunded"]), unshippedProduct),
    );
  return n;
}

/** Paid-time window for the CSV exports: `from` inclusive, `to` exclusive (the day after the last). */
export type ExportRange = { from?: Date; to?: Date };

function exportWhere(artistId: string, range: ExportRange) {
  return and(
    eq(orders.artistId, artistId),
    inArray(orders.status, SOLD_ORDER_STATUSES),
    range.from ? gte(orders.paidAt, range.from) : undefined,
    range.to ? lt(orders.paidAt, range.to) : undefined,
  );
}

/** One row per order, oldest first, as a spreadsheet wants them. */
export async function ordersForExport(db: DbOrTx, artistId: string, range: ExportRange) {
  return db.select().from(orders).where(exportWhere(artistId, range)).orderBy(asc(orders.paidAt), asc(orders.id));
}

/** One row per item sold, with its order's date, buyer and status. */
export async function salesLinesForExport(db: DbOrTx, artistId: string, range: ExportRange) {
  return db
    .select({ order: orders, item: orderItems })
    .from(orderItems)
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .where(exportWhere(artistId, range))
    .orderBy(asc(orders.paidAt), asc(orders.id), asc(orderItems.createdAt), asc(orderItems.id));
}
