import type { DbOrTx } from "@/db/client";
import { liveSubscriberForOrder, unsubscribeUrl } from "@/lib/fans";

/**
 * Merchtable sends no newsletters: the only mail a fan gets on a band's behalf while on its list
 * is the receipt (`receipt:<orderId>` and its resends, lib/orders/receipt.ts). It is transactional,
 * but a subscribed fan should find the mail client's own "unsubscribe" button there, as the body's
 * link already offers. It stops the band's news, never receipts.
 */
const RECEIPT_KEY = /^receipt:([0-9a-f-]{36})(?::|$)/i;

/**
 * RFC 2369 List-Unsubscribe and RFC 8058 one-click, decided when the mail leaves rather than when
 * it was queued, so a fan who left in between is not offered it again.
 */
export async function listUnsubscribeHeaders(
  db: DbOrTx,
  dedupeKey: string,
): Promise<Record<string, string> | undefined> {
  const orderId = RECEIPT_KEY.exec(dedupeKey)?.[1];
  const subscriberId = orderId ? await liveSubscriberForOrder(db, orderId) : null;
  if (!subscriberId) return undefined;
  return {
    "List-Unsubscribe": `<${unsubscribeUrl(subscriberId)}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  };
}
