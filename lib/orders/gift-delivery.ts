import { and, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import { artists, orderItems, orders, type Order } from "@/db/schema";
import { unseal } from "@/lib/crypto";
import { queueEmail, renderEmail } from "@/lib/email";
import { env } from "@/lib/env";
import { translator } from "@/lib/i18n";
import { enqueueAlbumGiftDelivery } from "@/lib/queue";
import { DOWNLOAD_TOKEN_PURPOSE, downloadPageUrl } from "./download-grants";

/** Gifts the band still owes: paid, or refunded in part (a full refund closes the downloads). */
const DELIVERABLE = ["paid", "partially_refunded"] as const;

const deliverAtOf = (order: Pick<Order, "gift">) => (order.gift?.deliverAt ? new Date(order.gift.deliverAt) : null);

/**
 * Called in the fulfilment transaction of a gift order: a gift for today goes at once, a later one
 * gets a job that starts at its time (in the same transaction, so a paid gift always has one).
 */
export async function scheduleGift(tx: Tx, order: Order, now = new Date()) {
  const at = deliverAtOf(order);
  if (!at || at.getTime() <= now.getTime()) return deliverGift(tx, order.id, now);
  await enqueueAlbumGiftDelivery(order.id, at, { tx });
  return false;
}

/**
 * Hands a gift over once: the conditional UPDATE on gift_delivered_at lets one caller through (the
 * job, the minute chore, fulfilment), and that caller queues the recipient's e-mail with a dedupe
 * key. A printed gift has no e-mail: it is delivered when paid. Returns whether this call did it.
 */
export async function deliverGift(db: DbOrTx, orderId: string, now = new Date()): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [order] = await tx
      .update(orders)
      .set({ giftDeliveredAt: now })
      .where(
        and(
          eq(orders.id, orderId),
          inArray(orders.status, [...DELIVERABLE]),
          isNotNull(orders.gift),
          isNull(orders.giftDeliveredAt),
          sql`coalesce((${orders.gift}->>'deliverAt')::timestamptz, '-infinity') <= ${now.toISOString()}::timestamptz`,
        ),
      )
      .returning();
    if (!order) return false;
    if (order.gift?.recipientEmail) await queueGiftEmail(tx, order);
    return true;
  });
}

/** The minute chore: gifts whose time has come and that no job delivered (a worker was down). */
export async function deliverDueGifts(db: DbOrTx, now = new Date()): Promise<number> {
  const due = await db
    .select({ id: orders.id })
    .from(orders)
    .where(
      and(
        inArray(orders.status, [...DELIVERABLE]),
        isNotNull(orders.gift),
        isNull(orders.giftDeliveredAt),
        sql`coalesce((${orders.gift}->>'deliverAt')::timestamptz, '-infinity') <= ${now.toISOString()}::timestamptz`,
      ),
    )
    .limit(200);
  let delivered = 0;
  for (const { id } of due) if (await deliverGift(db, id, now)) delivered++;
  return delivered;
}

async function queueGiftEmail(tx: DbOrTx, order: Order) {
  const gift = order.gift!;
  const token = order.downloadTokenSealed ? unseal(DOWNLOAD_TOKEN_PURPOSE, order.downloadTokenSealed) : null;
  if (!token) throw new Error(`gift order ${order.id} has no download token`);
  const [artist] = await tx.select({ name: artists.name }).from(artists).where(eq(artists.id, order.artistId));
  const items = await tx.select({ title: orderItems.title }).from(orderItems).where(eq(orderItems.orderId, order.id));
  const title = items.map((i) => i.title).join(", ");
  const { t } = translator(order.locale);
  const from = gift.senderName || t("albumGift.email.someone");
  const library = new URL("/library", env().APP_URL).toString();
  await queueEmail(
    tx,
    renderEmail({
      to: gift.recipientEmail!,
      subject: t("albumGift.email.subject", { from, title, band: artist.name }),
      intro: [
        gift.recipientName ? t("albumGift.email.hello", { name: gift.recipientName }) : "",
        t("albumGift.email.intro", { from, title, band: artist.name }),
      ]
        .filter(Boolean)
        .join(" "),
      action: { label: t("albumGift.email.download"), url: downloadPageUrl(token) },
      outro: [gift.message ? `“${gift.message}”\n— ${from}` : "", t("albumGift.email.library", { url: library })]
        .filter(Boolean)
        .join("\n\n"),
    }),
    `gift:${order.id}`,
  );
}
