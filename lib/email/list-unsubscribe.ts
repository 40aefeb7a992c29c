import type { DbOrTx } from "@/db/client";
import { env } from "@/lib/env";
import { liveSubscriberForOrder, unsubscribeUrl } from "@/lib/fans";

/**
 * A buyer on a band's list gets one mail on its behalf: the receipt (`receipt:<orderId>` and its
 * resends, lib/orders/receipt.ts). It is transactional, but a subscribed fan should find the mail client's own "unsubscribe" button there, as the body's
 * link already offers. It stops the band's news, never receipts.
 */
const RECEIPT_KEY = /^receipt:([0-9a-f-]{36})(?::|$)/i;
/**
 * A new-release digest to a band's followers (lib/follows/digest.ts, a layer above): its key
 * carries the signed "stop all mail from bands" token, opaque here, checked by the page it opens.
 */
const FOLLOWS_DIGEST_KEY = /^follows-digest:\d{4}-\d{2}-\d{2}:([A-Za-z0-9_.:-]+)$/;

const oneClick = (url: string) => ({
  "List-Unsubscribe": `<${url}>`,
  "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
});

/**
 * RFC 2369 List-Unsubscribe and RFC 8058 one-click, decided when the mail leaves rather than when
 * it was queued, so a fan who left in between is not offered it again.
 */
export async function listUnsubscribeHeaders(
  db: DbOrTx,
  dedupeKey: string,
): Promise<Record<string, string> | undefined> {
  const digestToken = FOLLOWS_DIGEST_KEY.exec(dedupeKey)?.[1];
  if (digestToken) return oneClick(new URL(`/follows/unsubscribe/${digestToken}`, env().APP_URL).toString());
  const orderId = RECEIPT_KEY.exec(dedupeKey)?.[1];
  const subscriberId = orderId ? await liveSubscriberForOrder(db, orderId) : null;
  if (!subscriberId) return undefined;
  return oneClick(unsubscribeUrl(subscriberId));
}
