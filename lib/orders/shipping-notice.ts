import { and, eq, inArray, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { artists, orderItems, orders, type Order, type OrderItem } from "@/db/schema";
import { queueEmail, renderEmail } from "@/lib/email";
import { translator } from "@/lib/i18n";
import { formatAddress } from "./receipt";
import { trackingUrl } from "./tracking";

export type MarkShippedError = "not_found" | "not_shippable" | "already_shipped";
export type MarkShippedResult =
  { ok: true; shipped: OrderItem[]; emailed: boolean } | { ok: false; error: MarkShippedError };

/**
 * The band posted a parcel: the order's unshipped physical items (or the chosen ones) get the
 * date, carrier and number, and the fan is told, in one transaction. The UPDATE only takes items
 * not shipped yet, so a double click or a second tab ships nothing more and mails nobody twice.
 * Ids of another band's order or items match nothing.
 */
export async function markShipped(
  db: DbOrTx,
  input: {
    artistId: string;
    orderId: string;
    itemIds?: string[];
    carrier: string | null;
    trackingNumber: string | null;
  },
): Promise<MarkShippedResult> {
  return db.transaction(async (tx) => {
    const [order] = await tx
      .select()
      .from(orders)
      .where(and(eq(orders.id, input.orderId), eq(orders.artistId, input.artistId)));
    if (!order) return { ok: false, error: "not_found" as const };
    if (order.status !== "paid" && order.status !== "partially_refunded")
      return { ok: false, error: "not_shippable" as const };
    if (input.itemIds && input.itemIds.length === 0) return { ok: false, error: "not_found" as const };
    if (input.itemIds) {
      const own = await tx
        .select({ id: orderItems.id })
        .from(orderItems)
        .where(
          and(eq(orderItems.orderId, order.id), inArray(orderItems.id, input.itemIds), eq(orderItems.kind, "product")),
        );
      if (own.length !== new Set(input.itemIds).size) return { ok: false, error: "not_found" as const };
    }
    const shipped = await tx
      .update(orderItems)
      .set({ shippedAt: new Date(), carrier: input.carrier, trackingNumber: input.trackingNumber })
      .where(
        and(
          eq(orderItems.orderId, order.id),
          eq(orderItems.kind, "product"),
          isNull(orderItems.shippedAt),
          input.itemIds ? inArray(orderItems.id, input.itemIds) : undefined,
        ),
      )
      .returning();
    if (!shipped.length) return { ok: false, error: "already_shipped" as const };
    const emailed = await queueShippedEmail(tx, order, shipped);
    return { ok: true, shipped, emailed };
  });
}

/** "Your order has shipped", in the fan's language, keyed by the items it reports. */
async function queueShippedEmail(tx: DbOrTx, order: Order, shipped: OrderItem[]) {
  if (!order.email) return false;
  const [artist] = await tx.select({ name: artists.name }).from(artists).where(eq(artists.id, order.artistId));
  const { locale, t } = translator(order.locale);
  const { carrier, trackingNumber } = shipped[0];
  const url = trackingUrl(carrier, trackingNumber);
  const rows: [string, string][] = shipped.map((item) => [
    `${item.quantity > 1 ? `${item.quantity} × ` : ""}${item.title}${item.optionLabel ? ` (${item.optionLabel})` : ""}`,
    "",
  ]);
  if (carrier) rows.push([t("bandops.emails.shipped.carrier"), carrier]);
  if (trackingNumber) rows.push([t("bandops.emails.shipped.tracking"), trackingNumber]);
  if (order.shippingAddress) rows.push([t("bandops.emails.shipped.to"), formatAddress(order.shippingAddress, locale)]);
  const ids = shipped
    .map((i) => i.id)
    .sort()
    .join(",");
  return queueEmail(
    tx,
    renderEmail({
      to: order.email,
      subject: t("bandops.emails.shipped.subject", { band: artist.name }),
      intro: t("bandops.emails.shipped.intro", { band: artist.name }),
      rows,
      action: url ? { label: t("bandops.emails.shipped.track"), url } : undefined,
      outro: [
        trackingNumber ? "" : t("bandops.emails.shipped.noTracking"),
        t("orderEmail.receipt.reference", { id: order.id.slice(0, 8) }),
      ]
        .filter(Boolean)
        .join("\n\n"),
    }),
    `shipped:${order.id}:${ids}`,
  );
}
