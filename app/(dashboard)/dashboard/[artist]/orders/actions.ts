"use server";

import { revalidatePath } from "next/cache";
import { getLocale, getTranslations } from "next-intl/server";
import { db } from "@/db";
import { getOrderForArtist } from "@/db/queries/orders";
import { requireArtistMember } from "@/lib/artists/guard";
import { formatMoney, parseMoneyInput } from "@/lib/orders/pricing";
import { refundOrder } from "@/lib/orders/refunds";

export type RefundFormState = null | { ok: true; message: string } | { ok: false; error: string };

const str = (form: FormData, key: string) => String(form.get(key) ?? "");

/**
 * A public POST endpoint like any action: the band comes from the checked membership, the order
 * must be that band's, and the amount is parsed here. `refundedWas` is the refunded total the
 * page showed: if it moved (a second click, a refund made on Stripe meanwhile), nothing is sent.
 */
export async function refundOrderAction(_prev: RefundFormState, form: FormData): Promise<RefundFormState> {
  const { artist } = await requireArtistMember({ id: str(form, "artistId") });
  const [t, locale, order] = await Promise.all([getTranslations("selling.refund"), getLocale(), getOrderForArtist(db, artist.id, str(form, "orderId"))]);
  if (!order) return { ok: false, error: t("errors.not_found") };
  const left = order.total - order.refundedAmount;
  const leftText = formatMoney(Math.max(left, 0), order.currency, locale);
  if (str(form, "refundedWas") !== String(order.refundedAmount)) return { ok: false, error: t("errors.changed") };
  let amount = left;
  if (str(form, "mode") !== "full") {
    const parsed = parseMoneyInput(str(form, "amount"), order.currency);
    if (!parsed.ok) return { ok: false, error: t(`errors.${parsed.error}`, { amount: leftText }) };
    amount = parsed.amount;
  }
  const result = await refundOrder(db, { artistId: artist.id, orderId: order.id, amount });
  if (!result.ok) return { ok: false, error: t(`errors.${result.error}`, { amount: leftText }) };
  revalidatePath(`/dashboard/${artist.slug}`, "layout");
  return { ok: true, message: t("done", { amount: formatMoney(amount, order.currency, locale) }) };
}
