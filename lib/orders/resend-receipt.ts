import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { orderItems, orders } from "@/db/schema";
import { unseal } from "@/lib/crypto";
import { downloadPageUrl } from "./download-grants";
import { DOWNLOAD_TOKEN_PURPOSE } from "./fulfill";
import { queueReceipt } from "./receipt";

export type ResendResult = { ok: true; email: string } | { ok: false; error: "not_found" | "not_paid" | "no_email" };

/**
 * A fan lost the receipt: the same mail again, with the same download link (rebuilt from the
 * sealed token, as the success page does). A fresh dedupe key, since this one is meant to go.
 */
export async function resendReceipt(db: DbOrTx, artistId: string, orderId: string): Promise<ResendResult> {
  return db.transaction(async (tx) => {
    const [order] = await tx
      .select()
      .from(orders)
      .where(and(eq(orders.id, orderId), eq(orders.artistId, artistId)));
    if (!order) return { ok: false, error: "not_found" as const };
    if (!["paid", "partially_refunded"].includes(order.status)) return { ok: false, error: "not_paid" as const };
    if (!order.email) return { ok: false, error: "no_email" as const };
    const items = await tx
      .select()
      .from(orderItems)
      .where(eq(orderItems.orderId, order.id))
      .orderBy(orderItems.createdAt, orderItems.id);
    const token = order.downloadTokenSealed ? unseal(DOWNLOAD_TOKEN_PURPOSE, order.downloadTokenSealed) : null;
    await queueReceipt(
      tx,
      order,
      items,
      token ? downloadPageUrl(token) : null,
      `receipt:${order.id}:resend:${randomUUID()}`,
    );
    return { ok: true, email: order.email };
  });
}
