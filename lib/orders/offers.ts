import { and, asc, eq, isNotNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { tracks, type Artist } from "@/db/schema";
import { env } from "@/lib/env";
import { listPublishedProducts, type PublicProduct } from "@/lib/merch";
import { hasPrice, isFreeToTake, priceRule, type PriceRule } from "@/lib/money";

/** What a release page offers: the release, its tracks sold on their own, its physical editions. */
export type ReleaseOffers = {
  currency: string;
  /** forSale is false while the band has not set a price: nothing to buy yet, rather than €0. */
  release: { id: string; rule: PriceRule; freeToTake: boolean; forSale: boolean };
  tracks: { id: string; position: number; title: string; rule: PriceRule; freeToTake: boolean }[];
  products: PublicProduct[];
  /** Paid items can be bought: test payments, or Stripe with the band's payout account active. */
  canTakePayments: boolean;
};

/** Stripe pays the band through its connected account, so paid checkouts wait for it. */
export function canTakePayments(artist: Pick<Artist, "payoutStatus" | "payoutAccountId">) {
  if (!env().STRIPE_SECRET_KEY) return true;
  return artist.payoutStatus === "active" && Boolean(artist.payoutAccountId);
}

export async function releaseOffers(
  db: DbOrTx,
  artist: Artist,
  release: {
    id: string;
    currency: string;
    pricingMode: "fixed" | "pay_what_you_want" | "free";
    priceAmount: number | null;
    priceMinimum: number;
  },
): Promise<ReleaseOffers> {
  const [trackRows, products] = await Promise.all([
    db
      .select({
        id: tracks.id,
        position: tracks.position,
        title: tracks.title,
        pricingMode: tracks.pricingMode,
        priceAmount: tracks.priceAmount,
        priceMinimum: tracks.priceMinimum,
      })
      .from(tracks)
      .where(and(eq(tracks.releaseId, release.id), isNotNull(tracks.pricingMode)))
      .orderBy(asc(tracks.position)),
    listPublishedProducts(db, artist.id, release.id),
  ]);
  const rule = priceRule(release);
  const forSale = hasPrice(release);
  return {
    currency: release.currency,
    release: { id: release.id, rule, freeToTake: forSale && isFreeToTake(rule), forSale },
    tracks: trackRows
      .filter((t) => hasPrice({ pricingMode: t.pricingMode!, priceAmount: t.priceAmount }))
      .map((t) => {
        const trackRule = priceRule({
          pricingMode: t.pricingMode!,
          priceAmount: t.priceAmount,
          priceMinimum: t.priceMinimum,
        });
        return { id: t.id, position: t.position, title: t.title, rule: trackRule, freeToTake: isFreeToTake(trackRule) };
      }),
    // Only editions whose release is published show (withDetails drops a draft release).
    products: products.filter((p) => p.release?.id === release.id),
    canTakePayments: canTakePayments(artist),
  };
}
