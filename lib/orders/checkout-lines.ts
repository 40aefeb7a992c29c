import type { Artist } from "@/db/schema";
import { discountedUnits } from "@/lib/discounts";
import { translator } from "@/lib/i18n";
import type { Locale } from "@/lib/i18n/config";
import { formatMoney } from "@/lib/money";
import type { PricedCart } from "./cart-pricing";
import type { CartCredit } from "./checkout-credit";

/** What the provider's page lists: each line at its price after the discount, and shipping. */
export function cardLines(priced: PricedCart) {
  return {
    lines: priced.lines.flatMap((line) =>
      discountedUnits(line, priced.discountCode?.perLine.get(line.id) ?? 0).map((part) => ({
        name: line.detail ? `${line.title} — ${line.detail}` : line.title,
        physical: line.physical,
        ...part,
      })),
    ),
    shippingAmount: priced.shipping.ok ? priced.shipping.amount : 0,
  };
}

/** Part paid from the balance: the card is charged one line, the rest, shipping included. */
export function creditLines(priced: PricedCart, artist: Artist, credit: CartCredit, locale: Locale) {
  const count = priced.lines.reduce((sum, line) => sum + line.quantity, 0);
  const name = translator(locale).t("cart.creditLine", {
    band: artist.name,
    count,
    amount: formatMoney(credit.credit, priced.currency, locale),
  });
  return {
    lines: [{ name, unitAmount: credit.card, quantity: 1, physical: priced.physicalUnits > 0 }],
    shippingAmount: 0,
    creditAmount: credit.credit,
  };
}
