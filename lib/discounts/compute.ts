import type { DiscountCode, OrderItemKind } from "@/db/schema";

/** What the computation needs to know about a cart line (a PricedLine fits). */
export type DiscountableLine = {
  id: string;
  kind: OrderItemKind;
  releaseId: string | null;
  trackId: string | null;
  productId: string | null;
  physical: boolean;
  quantity: number;
  unitAmount: number;
  lineTotal: number;
  problem: string | null;
};

export type DiscountRule = Pick<DiscountCode, "kind" | "amount" | "scope" | "itemKind" | "itemId">;

export type DiscountSplit = {
  /** Taken off the items (never off shipping), in minor units. */
  amount: number;
  /** Subtotal of the lines the code applies to. */
  eligibleSubtotal: number;
  /** Line id → its share of `amount`; shares add up to `amount` exactly. */
  perLine: Map<string, number>;
};

export function lineIsEligible(rule: DiscountRule, line: DiscountableLine): boolean {
  if (line.problem) return false;
  switch (rule.scope) {
    case "all":
      return true;
    case "digital":
      return !line.physical;
    case "physical":
      return line.physical;
    case "item":
      if (rule.itemKind !== line.kind || !rule.itemId) return false;
      return (
        rule.itemId ===
        (line.kind === "release" ? line.releaseId : line.kind === "track" ? line.trackId : line.productId)
      );
  }
}

/**
 * Rounding: a percentage is taken once, on the eligible subtotal (not line by line), and rounded
 * to the nearest minor unit with halves going to the fan (10% of 1 005 = 100.5 → 101). A fixed
 * amount is capped by the eligible subtotal, so a line never goes below 0. The amount is then
 * shared out across the eligible lines in proportion to their totals (largest remainders get the
 * leftover units), which is what the payment page shows per line.
 */
export function computeDiscount(rule: DiscountRule, lines: DiscountableLine[]): DiscountSplit {
  const eligible = lines.filter((line) => lineIsEligible(rule, line) && line.lineTotal > 0);
  const eligibleSubtotal = eligible.reduce((sum, line) => sum + line.lineTotal, 0);
  const raw = rule.kind === "percent" ? Math.round((eligibleSubtotal * Math.min(rule.amount, 100)) / 100) : rule.amount;
  const amount = Math.max(0, Math.min(raw, eligibleSubtotal));
  const perLine = new Map<string, number>();
  if (!amount) return { amount: 0, eligibleSubtotal, perLine };
  const shares = eligible.map((line) => {
    const exact = (amount * line.lineTotal) / eligibleSubtotal;
    return { id: line.id, floor: Math.floor(exact), rest: exact - Math.floor(exact) };
  });
  let left = amount - shares.reduce((sum, s) => sum + s.floor, 0);
  for (const share of [...shares].sort((a, b) => b.rest - a.rest)) {
    if (left <= 0) break;
    share.floor += 1;
    left -= 1;
  }
  for (const share of shares) perLine.set(share.id, share.floor);
  return { amount, eligibleSubtotal, perLine };
}

/**
 * Payment pages take no negative line, so a line's share is folded into its unit price. When the
 * share does not divide by the quantity, the line is cut in two (some units one cent dearer), so
 * the page's total equals the order's to the cent.
 */
export function discountedUnits(
  line: { unitAmount: number; quantity: number },
  share: number,
): { unitAmount: number; quantity: number }[] {
  const total = line.unitAmount * line.quantity - share;
  const unit = Math.floor(total / line.quantity);
  const dearer = total - unit * line.quantity;
  return [
    { unitAmount: unit, quantity: line.quantity - dearer },
    { unitAmount: unit + 1, quantity: dearer },
  ].filter((part) => part.quantity > 0);
}
