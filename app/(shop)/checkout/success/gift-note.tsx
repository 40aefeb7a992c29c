import { getLocale, getTranslations } from "next-intl/server";
import type { Order } from "@/db/schema";
import { giftDay } from "@/lib/orders";

/** A gift's buyer sees to whom and when it goes, and its page (the card to print), never its download link. */
export async function GiftNote({ order, pageUrl }: { order: Order; pageUrl: string }) {
  const [t, locale] = await Promise.all([getTranslations("albumGift.receipt"), getLocale()]);
  const gift = order.gift!;
  const text = !gift.recipientEmail
    ? t("print")
    : gift.deliverAt && !order.giftDeliveredAt
      ? t("scheduled", { email: gift.recipientEmail, date: giftDay(order, locale) })
      : t("sent", { email: gift.recipientEmail });
  return (
    <div className="space-y-3" data-testid="gift-note">
      <p>{text}</p>
      <a
        href={pageUrl}
        className="block rounded-md bg-ink px-4 py-3 text-center font-medium text-white hover:bg-stone-700"
        data-testid="go-to-gift"
      >
        {gift.recipientEmail ? t("pageAction") : t("printAction")}
      </a>
    </div>
  );
}
