import { z } from "zod";
import type { GiftDetails } from "@/db/schema";
import { isCurrency } from "@/lib/artists";
import { parseMoneyInput } from "@/lib/money";
import { normalizeEmail } from "./accounts";
import { creditAmountLimits } from "./purchases";

export const GIFT_MESSAGE_MAX = 500;
export const GIFT_NAME_MAX = 100;
/** How far ahead a buyer may schedule the recipient's e-mail. */
export const GIFT_DELIVERY_MAX_DAYS = 366;

export type GiftFormField =
  "amount" | "currency" | "email" | "recipientEmail" | "recipientName" | "senderName" | "message" | "deliverOn";
/** Keys under gifts.buy.errors. */
export type GiftFormError = "amount" | "currency" | "email" | "recipientEmail" | "name" | "message" | "date";

export type GiftForm =
  | { ok: true; email: string; currency: string; amount: number; gift: GiftDetails }
  | { ok: false; fieldErrors: Partial<Record<GiftFormField, GiftFormError>> };

const email = z.email().max(320);
const dateOnly = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A gift card's form as the buyer filled it in. `currency` is forced for a band's card (its
 * shop's currency). The delivery date is a calendar day from `today` (the buyer's day, UTC on
 * the server) to a year ahead; a day later than today is sent at its start, UTC.
 */
export function parseGiftForm(
  input: Record<GiftFormField | "delivery", string>,
  options: { today: Date; currency?: string },
): GiftForm {
  const errors: Partial<Record<GiftFormField, GiftFormError>> = {};
  const currency = options.currency ?? input.currency.trim().toUpperCase();
  if (!isCurrency(currency)) errors.currency = "currency";
  let amount = 0;
  if (isCurrency(currency)) {
    const parsed = parseMoneyInput(input.amount, currency);
    const { min, max } = creditAmountLimits(currency);
    if (!parsed.ok || parsed.amount < min || parsed.amount > max) errors.amount = "amount";
    else amount = parsed.amount;
  }
  const buyer = email.safeParse(normalizeEmail(input.email));
  if (!buyer.success) errors.email = "email";
  const byEmail = input.delivery !== "print";
  const recipient = email.safeParse(normalizeEmail(input.recipientEmail));
  if (byEmail && !recipient.success) errors.recipientEmail = "recipientEmail";
  const recipientName = input.recipientName.trim();
  const senderName = input.senderName.trim();
  if (recipientName.length > GIFT_NAME_MAX) errors.recipientName = "name";
  if (senderName.length > GIFT_NAME_MAX) errors.senderName = "name";
  const message = input.message.trim().replace(/\r\n/g, "\n");
  if (message.length > GIFT_MESSAGE_MAX) errors.message = "message";
  let deliverAt: string | null = null;
  if (byEmail) {
    const today = options.today.toISOString().slice(0, 10);
    const day = input.deliverOn.trim() || today;
    const last = new Date(options.today.getTime() + GIFT_DELIVERY_MAX_DAYS * 86_400_000).toISOString().slice(0, 10);
    if (!isCalendarDay(day) || day < today || day > last) errors.deliverOn = "date";
    else if (day > today) deliverAt = new Date(`${day}T00:00:00Z`).toISOString();
  }
  if (Object.keys(errors).length) return { ok: false, fieldErrors: errors };
  return {
    ok: true,
    email: buyer.data!,
    currency,
    amount,
    gift: {
      recipientEmail: byEmail ? recipient.data! : null,
      recipientName: recipientName || null,
      senderName: senderName || null,
      message: message || null,
      deliverAt,
    },
  };
}

/** "2027-02-30" parses in JavaScript (as March 2nd): a day must come back as itself. */
function isCalendarDay(day: string) {
  if (!dateOnly.test(day)) return false;
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === day;
}
