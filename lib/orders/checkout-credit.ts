import type { DbOrTx } from "@/db/client";
import type { Artist, CreditAccount } from "@/db/schema";
import { planSpend, spendableBalances, type SpendPlan } from "@/lib/credit";
import { cardMinimum } from "@/lib/payments";
import type { PricedCart } from "./cart-pricing";

export type CartCredit = SpendPlan & {
  /** The accounts behind `parts`, to hold them in the order's transaction. */
  holds: { account: CreditAccount; amount: number }[];
  /** Everything the fan could spend here (before the card minimum took some back). */
  available: number;
};

const NONE = (total: number): CartCredit => ({ parts: [], credit: 0, card: total, holds: [], available: 0 });

/** What the downloads of a cart cost after their share of the discount (sponsors' "digital only" credit pays only these). */
export function digitalTotal(priced: PricedCart): number {
  return priced.lines
    .filter((line) => !line.physical)
    .reduce((sum, line) => sum + line.lineTotal - (priced.discountCode?.perLine.get(line.id) ?? 0), 0);
}

/**
 * How the signed-in fan's balances (library session e-mail) would pay this cart: the same
 * figures for the cart page and for checkout, which then holds them in the order's transaction.
 */
export async function cartCredit(
  db: DbOrTx,
  priced: PricedCart,
  artist: Artist,
  email: string | null | undefined,
  now = new Date(),
): Promise<CartCredit> {
  if (!email || priced.total <= 0) return NONE(priced.total);
  const sources = await spendableBalances(db, {
    email,
    currency: priced.currency,
    artistId: artist.id,
    artistCountry: artist.country,
    now,
  });
  if (!sources.length) return NONE(priced.total);
  const plan = planSpend({
    total: priced.total,
    digitalTotal: digitalTotal(priced),
    sources,
    cardMinimum: cardMinimum(priced.currency),
  });
  const byId = new Map(sources.map((s) => [s.accountId, s.account]));
  return {
    ...plan,
    holds: plan.parts.map((p) => ({ account: byId.get(p.accountId)!, amount: p.amount })),
    available: sources.reduce((sum, s) => sum + s.balance, 0),
  };
}
