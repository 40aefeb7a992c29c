"use server";

import { getLocale, getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { libraryViewer } from "@/app/(shop)/library/library-session";
import { db } from "@/db";
import { getArtistBySlug } from "@/lib/artists";
import { clientIp } from "@/lib/auth/client-ip";
import { deliverSoon } from "@/lib/email";
import { isLocale } from "@/lib/i18n";
import { formatMoney, parseMoneyInput } from "@/lib/money";
import { giftErrorField, startGiftCheckout, type GiftField } from "@/lib/orders";

/** `values`: what the fan typed, given back so the form shows it again next to the error (React resets forms after an action). */
export type GiftFormState = null | {
  ok: false;
  error: string;
  field?: GiftField | "amount";
  values?: Record<string, string>;
};

const KEPT = ["recipientEmail", "recipientName", "senderName", "message", "deliverOn", "amount", "buyerEmail"];

const formSchema = z.object({
  artist: z.string().min(1).max(80),
  release: z.uuid(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  amount: z.string().max(20).optional(),
  delivery: z.enum(["email", "print"]),
  recipientEmail: z.string().max(320).default(""),
  recipientName: z.string().max(2000).default(""),
  senderName: z.string().max(2000).default(""),
  message: z.string().max(20_000).default(""),
  deliverOn: z.string().max(20).default(""),
  timeZone: z.string().max(64).optional(),
  buyerEmail: z.string().max(320).default(""),
});

/** The gift form: checked here and again in lib (prices from the database), then the payment page. */
export async function buyGiftAction(_state: GiftFormState, form: FormData): Promise<GiftFormState> {
  const refused = await giftCheckout(form);
  if (!refused) return null;
  const values = Object.fromEntries(KEPT.map((key) => [key, String(form.get(key) ?? "").slice(0, 2000)]));
  return { ...refused, values };
}

async function giftCheckout(form: FormData): Promise<GiftFormState> {
  const [t, tCart, locale] = await Promise.all([
    getTranslations("albumGift"),
    getTranslations("cart.errors"),
    getLocale(),
  ]);
  const input = formSchema.safeParse(Object.fromEntries(form));
  const artist = input.success ? await getArtistBySlug(db, input.data.artist) : null;
  if (!input.success || !artist) return { ok: false, error: tCart("not_found") };
  const { data } = input;
  let customAmount: number | null = null;
  if (data.amount !== undefined && data.amount.trim() !== "") {
    const parsed = parseMoneyInput(data.amount, data.currency);
    if (!parsed.ok) return { ok: false, error: tCart("amount_invalid"), field: "amount" };
    customAmount = parsed.amount;
  }
  const result = await startGiftCheckout(db, {
    artist,
    releaseId: data.release,
    customAmount,
    buyerEmail: data.buyerEmail,
    creditEmail: (await libraryViewer())?.email ?? null,
    request: {
      recipientEmail: data.delivery === "print" ? null : data.recipientEmail,
      recipientName: data.recipientName,
      senderName: data.senderName,
      message: data.message,
      deliverOn: data.deliverOn,
      timeZone: data.timeZone,
    },
    locale: isLocale(locale) ? locale : "en",
    ip: clientIp(await headers()),
  });
  if (!result.ok) {
    switch (result.error) {
      case "recipient_email_invalid":
      case "buyer_email_invalid":
      case "name_too_long":
      case "message_too_long":
      case "date_invalid":
      case "date_past":
      case "date_too_far":
        return { ok: false, error: t(`errors.${result.error}`), field: giftErrorField(result.error) };
      case "below_minimum":
        return {
          ok: false,
          error: tCart("below_minimum", { minimum: formatMoney(result.minimum, data.currency, locale) }),
          field: "amount",
        };
      case "below_card_minimum":
        return {
          ok: false,
          error: tCart("below_card_minimum", { minimum: formatMoney(result.minimum, result.currency, locale) }),
          field: "amount",
        };
      case "discount_invalid":
      case "discount_used_up":
        return { ok: false, error: tCart("not_ready") };
      default:
        return { ok: false, error: tCart(result.error) };
    }
  }
  await deliverSoon(db);
  redirect(result.redirectUrl);
}
