import { getFormatter, getTranslations } from "next-intl/server";
import { Notice } from "@/components/ui/notice";
import type { GiftCard } from "@/db/schema";

/** Under a card: whether it is still good, and when its recipient gets (or got) it. */
export async function GiftCardStatus({ card }: { card: GiftCard }) {
  const [t, format] = await Promise.all([getTranslations("gifts.card"), getFormatter()]);
  const day = (date: Date) => format.dateTime(date, { dateStyle: "long" });
  return (
    <div className="space-y-3 print:hidden" data-testid="gift-card-status">
      {card.status !== "active" && (
        <Notice tone={card.status === "redeemed" ? "info" : "error"}>{t(card.status)}</Notice>
      )}
      {card.recipientEmail && (
        <p className="text-sm text-muted">
          {card.deliveredAt
            ? t("delivered", { email: card.recipientEmail, date: day(card.deliveredAt) })
            : t("delivery", { email: card.recipientEmail, date: day(card.deliverAt ?? card.createdAt) })}
        </p>
      )}
    </div>
  );
}
