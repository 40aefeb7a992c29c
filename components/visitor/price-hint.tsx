"use client";

import { approximatePrice } from "@/lib/fx/convert";
import { useVisitor } from "./use-visitor";

/** The words of the hint, formatted on the server (./price-hint-text.ts); "{date}" is filled in here. */
export type PriceHintText = { inclVat: string; approxTitle: string };

/**
 * Beside a price on a cached fan page, for this visitor only (GET /api/visitor): "≈ ¥820" when
 * they think in another currency and the reference rates are fresh, and "incl. VAT" when their
 * country charges VAT on digital sales (`vat`). Nothing before the answer, nothing without rates:
 * the charge itself always stays in the band's currency.
 */
export function PriceHint({
  amount,
  currency,
  locale,
  text,
  vat = false,
  className = "ml-1.5 text-xs font-normal text-muted",
}: {
  amount: number;
  currency: string;
  locale: string;
  text: PriceHintText;
  vat?: boolean;
  className?: string;
}) {
  const visitor = useVisitor();
  if (!visitor) return null;
  const approximate =
    amount > 0
      ? approximatePrice({ amount, currency, visitorCurrency: visitor.currency, rates: visitor.rates, locale })
      : null;
  const vatNote = vat && visitor.vatCountry;
  if (!approximate && !vatNote) return null;
  return (
    <span className={className} data-testid="price-hint">
      {approximate && (
        <span title={text.approxTitle.replace("{date}", visitor.rates?.date ?? "")} data-testid="approximate-price">
          {approximate}
        </span>
      )}
      {approximate && vatNote && " · "}
      {vatNote && <span data-testid="incl-vat">{text.inclVat}</span>}
    </span>
  );
}
