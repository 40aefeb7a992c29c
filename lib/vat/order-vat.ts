import type { SellerVat, VatLiability } from "@/db/schema";
import { allocate, vatIncluded, vatOfLines } from "./amounts";
import { vatRateFor } from "./rates";

export type VatLineInput = {
  /** What the fan pays for the line, VAT included, after any discount. */
  gross: number;
  physical: boolean;
};

export type VatLine = { gross: number; rateBasisPoints: number; vat: number; liability: VatLiability };

export type OrderVat = {
  /** Country whose VAT the platform's part is due to, null when none is. */
  country: string | null;
  rateBasisPoints: number;
  lines: VatLine[];
  /** VAT in the shipping charge (the band's, when it is registered). */
  shippingVat: number;
  platform: number;
  seller: number;
  /** All VAT included in the order's total. */
  total: number;
};

/**
 * Splits an order's VAT-inclusive amounts. Digital lines bought by a consumer in the EU or the
 * UK carry that country's rate, owed by the platform; physical lines and their shipping carry the
 * band's own rate when it is registered for VAT, owed by the band; everything else carries none.
 * Each group's VAT is computed on its sum and spread over its lines, so lines add up to the total.
 */
export function orderVat(input: {
  lines: readonly VatLineInput[];
  shipping: number;
  buyerCountry: string | null;
  seller: SellerVat | null;
  at?: Date;
}): OrderVat {
  const rate = vatRateFor(input.buyerCountry, input.at);
  const sellerRate = input.seller?.status === "registered" ? input.seller.rateBasisPoints : 0;
  const digital = input.lines.map((l, i) => ({ l, i })).filter(({ l }) => !l.physical);
  const physical = input.lines.map((l, i) => ({ l, i })).filter(({ l }) => l.physical);

  const lines: VatLine[] = input.lines.map((l) => ({ gross: l.gross, rateBasisPoints: 0, vat: 0, liability: "none" }));
  const platformVat = vatOfLines(
    digital.map(({ l }) => l.gross),
    rate,
  );
  digital.forEach(({ i }, k) => {
    if (rate > 0)
      lines[i] = { gross: lines[i].gross, rateBasisPoints: rate, vat: platformVat.lines[k], liability: "platform" };
  });

  // The band's VAT on goods and shipping together, spread over goods first, then shipping.
  const sellerGroup = [...physical.map(({ l }) => l.gross), input.shipping];
  const sellerTotal =
    sellerRate > 0
      ? vatIncluded(
          sellerGroup.reduce((a, b) => a + b, 0),
          sellerRate,
        )
      : 0;
  const sellerParts = allocate(sellerTotal, sellerGroup);
  physical.forEach(({ i }, k) => {
    if (sellerRate > 0)
      lines[i] = { gross: lines[i].gross, rateBasisPoints: sellerRate, vat: sellerParts[k], liability: "seller" };
  });
  const shippingVat = sellerRate > 0 ? sellerParts[sellerParts.length - 1] : 0;

  const platform = rate > 0 ? platformVat.total : 0;
  return {
    country: rate > 0 ? input.buyerCountry!.toUpperCase() : null,
    rateBasisPoints: rate,
    lines,
    shippingVat,
    platform,
    seller: sellerTotal,
    total: platform + sellerTotal,
  };
}

/**
 * What the platform's fee is computed on, and the band's share: the VAT comes out first. The
 * platform keeps its fee and the VAT it owes; the band gets the rest (its own VAT included, which
 * it declares itself).
 */
export function netOfVat(total: number, vat: { platform: number; seller: number }) {
  return total - vat.platform - vat.seller;
}
