import { createHmac, timingSafeEqual } from "node:crypto";
import type { Order } from "@/db/schema";
import { purposeKey } from "@/lib/crypto";
import { env } from "@/lib/env";

const PURPOSE = "orders/gift-page";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const signature = (orderId: string) =>
  createHmac("sha256", purposeKey(PURPOSE)).update(orderId).digest("base64url").slice(0, 32);

/**
 * The buyer's gift page, /gift/order/<token>: the order id and a signature only the server can
 * make, so the link in the receipt and on the success page opens it and guessing does not.
 */
export function giftPageToken(orderId: string) {
  return `${orderId}.${signature(orderId)}`;
}

export function giftPageUrl(orderId: string) {
  return new URL(`/gift/order/${giftPageToken(orderId)}`, env().APP_URL).toString();
}

/** The order a gift page token names, or null when it was not made here. */
export function orderIdOfGiftToken(token: string): string | null {
  const [orderId, sig] = token.split(".");
  if (!orderId || !sig || !UUID.test(orderId)) return null;
  const expected = Buffer.from(signature(orderId));
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected) ? orderId : null;
}

/** Who the downloads are for: the recipient, or for a printed gift the buyer who hands it over. */
export function giftGrantEmail(order: Pick<Order, "gift" | "email">): string | null {
  return order.gift?.recipientEmail ?? order.email;
}
