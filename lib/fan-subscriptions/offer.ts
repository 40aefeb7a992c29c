import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { artists, subscriptionOffers, type Artist, type BillingInterval, type SubscriptionOffer } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit";
import { currencyDigits, parseMoneyInput } from "@/lib/money";
import { testPaymentsActive } from "@/lib/payments";

/** What a band may charge, in its currency's major units: low enough to mean something, high enough to stop a typo. */
export const OFFER_LIMITS: Record<BillingInterval, { min: number; max: number }> = {
  month: { min: 1, max: 100 },
  year: { min: 5, max: 1000 },
};
export const DESCRIPTION_MAX = 2000;

export type OfferInput = {
  monthly: string;
  yearly: string;
  backCatalogue: boolean;
  description: string;
  active: boolean;
};

export type OfferField = "monthly" | "yearly" | "description" | "active";
export type OfferError =
  "money_format" | "money_negative" | "too_low" | "too_high" | "no_price" | "description_too_long" | "payouts_needed";

export type OfferResult =
  { ok: true; offer: SubscriptionOffer } | { ok: false; fieldErrors: Partial<Record<OfferField, OfferError>> };

export async function getOffer(db: DbOrTx, artistId: string): Promise<SubscriptionOffer | null> {
  const [offer] = await db.select().from(subscriptionOffers).where(eq(subscriptionOffers.artistId, artistId));
  return offer ?? null;
}

/** An offered price for one interval, or null when the field is left empty (not offered). */
function readPrice(
  text: string,
  interval: BillingInterval,
  currency: string,
): { ok: true; amount: number | null } | { ok: false; error: OfferError } {
  if (!text.trim()) return { ok: true, amount: null };
  const parsed = parseMoneyInput(text, currency);
  if (!parsed.ok) return { ok: false, error: parsed.error === "money_too_large" ? "too_high" : parsed.error };
  const unit = 10 ** currencyDigits(currency);
  const { min, max } = OFFER_LIMITS[interval];
  if (parsed.amount < min * unit) return { ok: false, error: "too_low" };
  if (parsed.amount > max * unit) return { ok: false, error: "too_high" };
  return { ok: true, amount: parsed.amount };
}

/**
 * The band's offer, in its currency. Subscribers keep the price they joined at; a new price is for
 * new subscribers. With Stripe, money goes to the band's connected account, so switching the
 * offer on needs working payouts.
 */
export async function saveOffer(
  db: DbOrTx,
  artist: Pick<Artist, "id" | "currency" | "payoutStatus">,
  input: OfferInput,
  actor: Actor,
): Promise<OfferResult> {
  const fieldErrors: Partial<Record<OfferField, OfferError>> = {};
  const monthly = readPrice(input.monthly, "month", artist.currency);
  const yearly = readPrice(input.yearly, "year", artist.currency);
  if (!monthly.ok) fieldErrors.monthly = monthly.error;
  if (!yearly.ok) fieldErrors.yearly = yearly.error;
  if (monthly.ok && yearly.ok && monthly.amount === null && yearly.amount === null) fieldErrors.monthly = "no_price";
  if (input.description.length > DESCRIPTION_MAX) fieldErrors.description = "description_too_long";
  if (input.active && !testPaymentsActive() && artist.payoutStatus !== "active") fieldErrors.active = "payouts_needed";
  if (!monthly.ok || !yearly.ok || Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  const values = {
    currency: artist.currency,
    monthlyAmount: monthly.amount,
    yearlyAmount: yearly.amount,
    backCatalogue: input.backCatalogue,
    description: input.description.trim(),
    active: input.active,
  };
  return db.transaction(async (tx) => {
    const [offer] = await tx
      .insert(subscriptionOffers)
      .values({ artistId: artist.id, ...values })
      .onConflictDoUpdate({ target: subscriptionOffers.artistId, set: { ...values, updatedAt: new Date() } })
      .returning();
    // The shop and release pages show "Subscribe" from the offer: touching the band's row sends
    // their page-cache tag (the triggers of migration 0017 watch artists, not offers).
    await tx.update(artists).set({ updatedAt: new Date() }).where(eq(artists.id, artist.id));
    await recordAudit(tx, {
      artistId: artist.id,
      actor,
      action: "subscription_offer.save",
      target: { type: "subscription_offer", id: artist.id },
      details: values,
    });
    return { ok: true, offer };
  });
}

/** The price of one interval of an offer that is on, or null when fans cannot take it. */
export function offeredAmount(offer: SubscriptionOffer | null, interval: BillingInterval): number | null {
  if (!offer?.active) return null;
  return interval === "year" ? offer.yearlyAmount : offer.monthlyAmount;
}
