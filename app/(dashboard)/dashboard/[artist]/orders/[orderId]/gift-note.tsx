import { getLocale, getTranslations } from "next-intl/server";
import type { Order } from "@/db/schema";
import { giftDay } from "@/lib/orders";

/**
 * A gift order says so to the band: how it reaches its recipient and when. The recipient's
 * address stays out of the back office (the band's figures need the sale, not the friend).
 */
export async function OrderGiftNote({ order }: { order: Order }) {
  if (!order.gift) return null;
  const [t, locale] = await Promise.all([getTranslations("albumGift.band"), getLocale()]);
  const date = giftDay(order, locale);
  return (
    <p className="mt-2 text-muted" data-testid="order-gift">
      <span className="font-medium text-ink">{t("title")}</span> ·{" "}
      {order.gift.recipientEmail
        ? order.giftDeliveredAt
          ? t("byEmailSent", { date })
          : t("byEmail", { date })
        : t("byPrint")}{" "}
      {t("downloads")}
    </p>
  );
}
