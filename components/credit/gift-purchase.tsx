import { getLocale } from "next-intl/server";
import { buyGiftAction } from "@/app/(shop)/gift/actions";
import { GiftForm } from "@/components/credit/gift-form";
import { ClientMessages } from "@/components/i18n/client-messages";
import { CURRENCIES } from "@/lib/artists";
import { creditAmountLimits } from "@/lib/credit";
import { GIFT_DELIVERY_MAX_DAYS } from "@/lib/credit/gift-form";
import { formatMoney } from "@/lib/money";

/** The gift card form with its limits worked out here: the platform's currencies, or the band's one. */
export async function GiftPurchase({
  artist,
  defaultCurrency,
}: {
  artist: { slug: string; currency: string } | null;
  defaultCurrency: string;
}) {
  const locale = await getLocale();
  const currencies = artist ? [artist.currency] : CURRENCIES;
  const hints = Object.fromEntries(
    currencies.map((c) => {
      const { min, max } = creditAmountLimits(c);
      return [c, `${formatMoney(min, c, locale)} – ${formatMoney(max, c, locale)}`];
    }),
  );
  const now = Date.now();
  return (
    <ClientMessages namespaces={["gifts.buy"]}>
      <GiftForm
        action={buyGiftAction}
        artistSlug={artist?.slug ?? null}
        currencies={currencies}
        defaultCurrency={artist?.currency ?? defaultCurrency}
        hints={hints}
        today={new Date(now).toISOString().slice(0, 10)}
        lastDay={new Date(now + GIFT_DELIVERY_MAX_DAYS * 86_400_000).toISOString().slice(0, 10)}
      />
    </ClientMessages>
  );
}
