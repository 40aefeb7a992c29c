"use server";

import { getLocale, getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { after } from "next/server";
import { db } from "@/db";
import { getOrderForArtist } from "@/db/queries/orders";
import { requireArtistMember } from "@/lib/artists/guard";
import { deliverSoon } from "@/lib/email";
import { formatMoney, parseMoneyInput } from "@/lib/money";
import { refundOrder } from "@/lib/orders/refunds";
import { resendReceipt } from "@/lib/orders/resend-receipt";
import { markShipped } from "@/lib/orders/shipping-notice";
import { parseTracking } from "@/lib/orders/tracking";

export type RefundFormState = null | { ok: true; message: string } | { ok: false; error: string };

const str = (form: FormData, key: string) => String(form.get(key) ?? "");

/**
 * A public POST endpoint like any action: the band comes from the checked membership, the order
 * must be that band's, and the amount is parsed here. `refundedWas` is the refunded total the
 * page showed: if it moved (a second click, a refund made on Stripe meanwhile), nothing is sent.
 */
export async function refundOrderAction(_prev: RefundFormState, form: FormData): Promise<RefundFormState> {
  const { artist, user } = await requireArtistMember({ id: str(form, "artistId") });
  const [t, locale, order] = await Promise.all([
    getTranslations("selling.refund"),
    getLocale(),
    getOrderForArtist(db, artist.id, str(form, "orderId")),
  ]);
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
  const result = await refundOrder(db, {
    artistId: artist.id,
    orderId: order.id,
    amount,
    actor: { kind: "member", userId: user.id, email: user.email },
  });
  if (!result.ok) return { ok: false, error: t(`errors.${result.error}`, { amount: leftText }) };
  revalidatePath(`/dashboard/${artist.slug}`, "layout");
  return { ok: true, message: t("done", { amount: formatMoney(amount, order.currency, locale) }) };
}

export type ShipFormState =
  null | { ok: true; message: string } | { ok: false; error: string; field?: "carrier" | "trackingNumber" };

/**
 * Marks the order's unshipped physical items (or the ticked ones) as posted and mails the fan
 * after the transaction commits. A repeat changes nothing and mails nobody.
 */
export async function markShippedAction(_prev: ShipFormState, form: FormData): Promise<ShipFormState> {
  const { artist } = await requireArtistMember({ id: str(form, "artistId") });
  const t = await getTranslations("bandops.orders.ship");
  const tracking = parseTracking(str(form, "carrier"), str(form, "trackingNumber"));
  if (!tracking.ok) return { ok: false, error: t(`errors.${tracking.error}`), field: tracking.field };
  const every = str(form, "scope") !== "items";
  const itemIds = every ? undefined : form.getAll("itemId").map(String);
  if (itemIds && itemIds.length === 0) return { ok: false, error: t("errors.no_items") };
  const result = await markShipped(db, {
    artistId: artist.id,
    orderId: str(form, "orderId"),
    itemIds,
    carrier: tracking.carrier,
    trackingNumber: tracking.trackingNumber,
  });
  if (!result.ok) return { ok: false, error: t(`errors.${result.error}`) };
  after(() => deliverSoon(db));
  revalidatePath(`/dashboard/${artist.slug}`, "layout");
  return { ok: true, message: t("done", { emailed: result.emailed ? "yes" : "no" }) };
}

export type ResendFormState = null | { ok: true; message: string } | { ok: false; error: string };

export async function resendReceiptAction(_prev: ResendFormState, form: FormData): Promise<ResendFormState> {
  const { artist } = await requireArtistMember({ id: str(form, "artistId") });
  const t = await getTranslations("bandops.orders.resend");
  const result = await resendReceipt(db, artist.id, str(form, "orderId"));
  if (!result.ok) return { ok: false, error: t(`errors.${result.error}`) };
  after(() => deliverSoon(db));
  return { ok: true, message: t("done", { email: result.email }) };
}
