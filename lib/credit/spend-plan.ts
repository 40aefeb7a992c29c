/**
 * How much of each of a fan's balances pays an order, pure so every rule is tested alone
 * (tests/unit/spend-plan.test.ts). Balances are offered in the order they should be used (the
 * band's own first, then a sponsor's, then the platform's); the card pays the rest.
 */
export type SpendSource = {
  accountId: string;
  balance: number;
  /** A sponsor's "digital only" credit: it may pay the downloads' share, never goods or shipping. */
  digitalOnly: boolean;
};

export type SpendInput = {
  /** What the order costs in all (VAT, shipping and discount included). */
  total: number;
  /** Of the total, what its downloads cost (after their discount, without shipping). */
  digitalTotal: number;
  sources: readonly SpendSource[];
  /** The smallest card payment the provider takes in this currency (null: none known). */
  cardMinimum: number | null;
};

export type SpendPlan = {
  parts: { accountId: string; amount: number }[];
  /** Paid from the balances. */
  credit: number;
  /** Left for the card: 0, or at least the card minimum unless the order itself is smaller. */
  card: number;
};

export function planSpend(input: SpendInput): SpendPlan {
  const takes: number[] = [];
  let left = input.total;
  let digitalLeft = Math.min(input.digitalTotal, input.total);
  for (const source of input.sources) {
    const cap = source.digitalOnly ? Math.min(left, digitalLeft) : left;
    const take = Math.max(0, Math.min(source.balance, cap));
    takes.push(take);
    left -= take;
    if (source.digitalOnly) digitalLeft -= take;
  }
  // A card part under the provider's minimum cannot be charged: the balances give back enough
  // for the card to pay the minimum, the last offered first (the band's own credit is kept in use).
  const minimum = input.cardMinimum ?? 0;
  if (left > 0 && left < minimum) {
    let giveBack = Math.min(minimum - left, input.total - left);
    for (let i = takes.length - 1; i >= 0 && giveBack > 0; i--) {
      const back = Math.min(takes[i], giveBack);
      takes[i] -= back;
      giveBack -= back;
      left += back;
    }
  }
  const parts = input.sources
    .map((source, i) => ({ accountId: source.accountId, amount: takes[i] }))
    .filter((part) => part.amount > 0);
  return { parts, credit: input.total - left, card: left };
}

/**
 * The band's share of what credit paid: a card sale's destination charge pays the band the card
 * part minus the application fee, which is capped at the card part; what the fee (and the VAT the
 * platform owes) could not take from the card, the credit payout leaves out instead.
 */
export function creditPayoutAmount(order: {
  total: number;
  creditAmount: number;
  platformFee: number;
  vatPlatform: number;
}): number {
  const card = order.total - order.creditAmount;
  const platform = order.platformFee + order.vatPlatform;
  if (card >= platform) return order.creditAmount;
  const bandShare = Math.max(0, order.total - platform);
  return bandShare - (card - Math.min(card, platform));
}

/** The application fee on the card part of an order: never more than the card pays. */
export const cardApplicationFee = (card: number, feeAndPlatformVat: number) => Math.min(card, feeAndPlatformVat);

/**
 * Splits `amount` across the accounts the credit came from, in proportion to what each paid and
 * never more than each has left to get back (largest remainder, so the parts add up exactly).
 */
export function splitRefund(
  amount: number,
  sources: readonly { accountId: string; paid: number; refunded: number }[],
): { accountId: string; amount: number }[] {
  const open = sources.map((s) => ({ ...s, left: s.paid - s.refunded })).filter((s) => s.left > 0);
  const leftTotal = open.reduce((sum, s) => sum + s.left, 0);
  const target = Math.min(amount, leftTotal);
  if (target <= 0) return [];
  const shares = open.map((s) => {
    const exact = (target * s.left) / leftTotal;
    return { accountId: s.accountId, left: s.left, amount: Math.floor(exact), rest: exact - Math.floor(exact) };
  });
  let missing = target - shares.reduce((sum, s) => sum + s.amount, 0);
  for (const share of [...shares].sort((a, b) => b.rest - a.rest)) {
    if (missing <= 0) break;
    if (share.amount < share.left) {
      share.amount++;
      missing--;
    }
  }
  return shares.filter((s) => s.amount > 0).map(({ accountId, amount }) => ({ accountId, amount }));
}
