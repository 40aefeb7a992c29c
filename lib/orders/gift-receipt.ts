import type { Order } from "@/db/schema";
import type { translator } from "@/lib/i18n";
import { giftPageUrl } from "./gift-page";

type T = ReturnType<typeof translator>["t"];

/** The gift's day as the buyer chose it ("24 December 2026"). */
export function giftDay(order: Pick<Order, "gift" | "paidAt" | "createdAt">, locale: string): string {
  const day = order.gift?.deliverOn ?? (order.paidAt ?? order.createdAt).toISOString().slice(0, 10);
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}

/**
 * What the buyer's receipt says of a gift: "will be delivered to X on D" (or "was sent", or
 * "print it"), and a button to the gift's page, in place of the download link.
 */
export function giftReceiptNote(
  order: Pick<Order, "id" | "gift" | "paidAt" | "createdAt" | "giftDeliveredAt">,
  locale: string,
  t: T,
): { text: string; action: { label: string; url: string } } | null {
  const gift = order.gift;
  if (!gift) return null;
  const url = giftPageUrl(order.id);
  if (!gift.recipientEmail)
    return { text: t("albumGift.receipt.print"), action: { label: t("albumGift.receipt.printAction"), url } };
  const due = gift.deliverAt ? new Date(gift.deliverAt) : null;
  return {
    text:
      due && !order.giftDeliveredAt
        ? t("albumGift.receipt.scheduled", { email: gift.recipientEmail, date: giftDay(order, locale) })
        : t("albumGift.receipt.sent", { email: gift.recipientEmail }),
    action: { label: t("albumGift.receipt.pageAction"), url },
  };
}
