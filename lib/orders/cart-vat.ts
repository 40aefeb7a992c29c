import type { Artist, SellerVat } from "@/db/schema";
import { orderVat, type OrderVat } from "@/lib/vat";
import type { PricedCart } from "./cart-pricing";

/** The band's VAT status as it stands now, copied onto an order (its receipts print it). */
export function sellerVatOf(
  artist: Pick<Artist, "vatStatus" | "vatNumber" | "vatRateBasisPoints" | "vatMention">,
): SellerVat {
  if (artist.vatStatus === "registered" && artist.vatNumber && artist.vatRateBasisPoints)
    return { status: "registered", number: artist.vatNumber, rateBasisPoints: artist.vatRateBasisPoints };
  return { status: "not_registered", mention: artist.vatMention ?? "" };
}

/** What the fan pays for each line, VAT included: its total less its share of the discount. */
export function grossOfLines(priced: PricedCart): number[] {
  return priced.lines.map((line) => line.lineTotal - (priced.discountCode?.perLine.get(line.id) ?? 0));
}

/**
 * The VAT included in a cart's total for a buyer in `country`: the cart shows it and the order
 * keeps it, computed the same way from the same lines.
 */
export function cartVat(priced: PricedCart, country: string | null, at = new Date()): OrderVat {
  const gross = grossOfLines(priced);
  return orderVat({
    lines: priced.lines.map((line, i) => ({ gross: gross[i], physical: line.physical })),
    shipping: priced.shipping.ok ? priced.shipping.amount : 0,
    buyerCountry: country,
    seller: sellerVatOf(priced.artist),
    at,
  });
}

/** The VAT included in a cart, one amount per rate (downloads at the fan's country's, goods and shipping at the band's). */
export function vatByRate(vat: OrderVat): { rate: number; amount: number }[] {
  const byRate = new Map<number, number>();
  const add = (rate: number, amount: number) => byRate.set(rate, (byRate.get(rate) ?? 0) + amount);
  for (const line of vat.lines) if (line.vat > 0) add(line.rateBasisPoints, line.vat);
  const sellerRate = vat.lines.find((line) => line.liability === "seller")?.rateBasisPoints;
  if (vat.shippingVat > 0 && sellerRate) add(sellerRate, vat.shippingVat);
  return [...byRate].map(([rate, amount]) => ({ rate, amount }));
}
