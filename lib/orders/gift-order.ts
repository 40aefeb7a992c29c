import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { carts, type Artist, type OrderGift } from "@/db/schema";
import { hashToken } from "@/lib/auth/tokens";
import type { Locale } from "@/lib/i18n/config";
import { addToCart, type CartError } from "./cart";
import { startCheckout, type CheckoutResult } from "./checkout";
import { dateIn, deliveryInstant, parseDate, validTimeZone, yearAfter } from "./gift-dates";

export const GIFT_MESSAGE_MAX = 500;
export const GIFT_NAME_MAX = 80;

export type GiftError =
  | "recipient_email_invalid"
  | "buyer_email_invalid"
  | "name_too_long"
  | "message_too_long"
  | "date_invalid"
  | "date_past"
  | "date_too_far";

export type GiftField = "recipientEmail" | "buyerEmail" | "recipientName" | "senderName" | "message" | "deliverOn";

const FIELD: Record<GiftError, GiftField> = {
  recipient_email_invalid: "recipientEmail",
  buyer_email_invalid: "buyerEmail",
  name_too_long: "recipientName",
  message_too_long: "message",
  date_invalid: "deliverOn",
  date_past: "deliverOn",
  date_too_far: "deliverOn",
};
export const giftErrorField = (error: GiftError): GiftField => FIELD[error];

/** What the gift form sends, before any check. */
export type GiftRequest = {
  /** null: "I'll print it and hand it over". */
  recipientEmail: string | null;
  recipientName: string;
  senderName: string;
  message: string;
  /** YYYY-MM-DD in the buyer's time zone. */
  deliverOn: string;
  timeZone?: string | null;
};

const email = z.email().max(254);
const clean = (text: string) => text.replace(/\r\n/g, "\n").trim();

/**
 * The gift's details, checked: e-mails that are e-mails, a message of at most 500 characters, a
 * delivery day from today to a year from today in the buyer's time zone. Today means at once.
 */
export function checkGift(
  request: GiftRequest,
  buyerEmail: string,
  now = new Date(),
): { ok: true; gift: OrderGift; buyerEmail: string } | { ok: false; error: GiftError } {
  const buyer = buyerEmail.trim().toLowerCase();
  if (!email.safeParse(buyer).success) return { ok: false, error: "buyer_email_invalid" };
  const recipient = request.recipientEmail === null ? null : request.recipientEmail.trim().toLowerCase();
  if (recipient !== null && !email.safeParse(recipient).success) return { ok: false, error: "recipient_email_invalid" };
  const recipientName = clean(request.recipientName);
  const senderName = clean(request.senderName);
  if (recipientName.length > GIFT_NAME_MAX || senderName.length > GIFT_NAME_MAX)
    return { ok: false, error: "name_too_long" };
  const message = clean(request.message);
  if (message.length > GIFT_MESSAGE_MAX) return { ok: false, error: "message_too_long" };
  const zone = validTimeZone(request.timeZone);
  const today = dateIn(now, zone);
  // A printed gift is handed over by the buyer: it has no delivery day of its own.
  if (recipient === null) request = { ...request, deliverOn: today };
  if (!parseDate(request.deliverOn)) return { ok: false, error: "date_invalid" };
  if (request.deliverOn < today) return { ok: false, error: "date_past" };
  if (request.deliverOn > yearAfter(today)) return { ok: false, error: "date_too_far" };
  const at = request.deliverOn === today ? null : deliveryInstant(request.deliverOn, zone);
  return {
    ok: true,
    buyerEmail: buyer,
    gift: {
      recipientEmail: recipient,
      recipientName: recipientName || null,
      senderName: senderName || null,
      message: message || null,
      deliverAt: at && at.getTime() > now.getTime() ? at.toISOString() : null,
      deliverOn: request.deliverOn,
    },
  };
}

export type GiftCheckoutResult =
  | CheckoutResult
  | { ok: false; error: GiftError }
  | {
      ok: false;
      error: Exclude<CartError, "below_minimum">;
    }
  | { ok: false; error: "below_minimum"; minimum: number };

/**
 * "Buy this album as a gift": an ordinary band order (same prices, VAT, fee and payment page as
 * any sale) made from a cart of its own holding just this release, with the gift stamped on the
 * pending order. The fan's own cart is left alone. Bad details create nothing.
 */
export async function startGiftCheckout(
  db: DbOrTx,
  input: {
    artist: Artist;
    releaseId: string;
    /** Pay what you want: the fan's amount, checked against the minimum by the cart. */
    customAmount: number | null;
    request: GiftRequest;
    buyerEmail: string;
    locale: Locale;
    ip?: string | null;
    /** The library session's e-mail: its balance pays first, as at any checkout. */
    creditEmail?: string | null;
    now?: Date;
  },
): Promise<GiftCheckoutResult> {
  const checked = checkGift(input.request, input.buyerEmail, input.now);
  if (!checked.ok) return checked;
  const token = randomBytes(24).toString("base64url");
  const added = await addToCart(db, {
    token,
    artist: input.artist,
    item: { kind: "release", id: input.releaseId, customAmount: input.customAmount },
  });
  if (!added.ok)
    return added.error === "below_minimum"
      ? { ok: false, error: "below_minimum", minimum: added.minimum ?? 0 }
      : { ok: false, error: added.error };
  const result = await startCheckout(db, {
    token,
    artist: input.artist,
    email: checked.buyerEmail,
    subscribe: false,
    locale: input.locale,
    ip: input.ip,
    creditEmail: input.creditEmail ?? null,
    gift: checked.gift,
  });
  // Refused (a card minimum, the provider down): this cart was only ever for this gift.
  if (!result.ok) await db.delete(carts).where(eq(carts.tokenHash, hashToken(token)));
  return result;
}
