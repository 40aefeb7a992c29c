import { randomUUID } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type Stripe from "stripe";
import type { DbOrTx } from "@/db/client";
import { artists, type Artist } from "@/db/schema";
import { recordAudit, SYSTEM, type Actor } from "@/lib/audit";
import { env } from "@/lib/env";
import { stripeClient } from "./stripe-client";

/**
 * Stripe Connect (Express): each band gets a connected account that receives its sales (the
 * platform fee is kept as an application fee). Stripe hosts the onboarding; we keep only the
 * account id and a coarse status.
 */
export type PayoutStatus = Artist["payoutStatus"];
export type PayoutState = { status: PayoutStatus; detailsSubmitted: boolean };
type BandRef = Pick<Artist, "id" | "slug" | "country" | "payoutAccountId">;

/** Charges enabled: sales can go there. Otherwise onboarding is unfinished or under review. */
export function payoutStateOf(account: Pick<Stripe.Account, "charges_enabled" | "details_submitted">): PayoutState {
  return { status: account.charges_enabled ? "active" : "pending", detailsSubmitted: account.details_submitted };
}

/**
 * Stores what an account says about itself (account.updated, or a fresh read); a change of
 * status goes on the band's audit trail (by the system for the webhook, by the member who came
 * back from onboarding otherwise).
 */
export async function applyAccountUpdate(
  tx: DbOrTx,
  account: Stripe.Account,
  actor: Actor = SYSTEM,
): Promise<{ artistId: string | null }> {
  const to = payoutStateOf(account).status;
  const [before] = await tx
    .select({ id: artists.id, status: artists.payoutStatus })
    .from(artists)
    .where(eq(artists.payoutAccountId, account.id))
    .limit(1);
  if (!before) return { artistId: null };
  await tx.update(artists).set({ payoutStatus: to }).where(eq(artists.id, before.id));
  if (before.status !== to)
    await recordAudit(tx, {
      artistId: before.id,
      actor,
      action: "payout.account_updated",
      target: { type: "payout_account", id: account.id },
      details: { from: before.status, to },
    });
  return { artistId: before.id };
}

/** The band's connected account, created once (the idempotency key covers a double click). */
async function ensureAccount(db: DbOrTx, band: BandRef, stripe: Stripe, actor: Actor): Promise<string> {
  if (band.payoutAccountId) return band.payoutAccountId;
  // Only the band's own facts go in: the same key with other parameters is an error at Stripe.
  const account = await stripe.accounts.create(
    {
      type: "express",
      ...(band.country && { country: band.country }),
      capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
      metadata: { artistId: band.id },
    },
    { idempotencyKey: `connect-account:${band.id}` },
  );
  const linked = await db
    .update(artists)
    .set({ payoutAccountId: account.id, payoutStatus: payoutStateOf(account).status })
    .where(and(eq(artists.id, band.id), isNull(artists.payoutAccountId)))
    .returning({ id: artists.id });
  if (linked.length)
    await recordAudit(db, {
      artistId: band.id,
      actor,
      action: "payout.account_updated",
      target: { type: "payout_account", id: account.id },
      details: { from: "none", to: payoutStateOf(account).status },
    });
  const [stored] = await db.select({ id: artists.payoutAccountId }).from(artists).where(eq(artists.id, band.id));
  return stored?.id ?? account.id;
}

export function payoutsPageUrl(slug: string, link?: "expired") {
  const url = new URL(`/dashboard/${slug}/payouts`, env().APP_URL);
  if (link) url.searchParams.set("link", link);
  return url.toString();
}

/** Coming back from onboarding writes (the account is read and stored): a route handler, not the page. */
export function payoutsReturnUrl(slug: string) {
  return new URL(`/dashboard/${slug}/payouts/return`, env().APP_URL).toString();
}

/** A one-time Stripe page where the band enters its details; it comes back to the payouts page. */
export async function startPayoutOnboarding(
  db: DbOrTx,
  band: BandRef,
  stripe: Stripe = stripeClient(),
  actor: Actor = SYSTEM,
): Promise<{ url: string }> {
  const account = await ensureAccount(db, band, stripe, actor);
  await recordAudit(db, { artistId: band.id, actor, action: "payout.connect_started" });
  // Links are single use and short-lived: a fresh one per click, the key only covers SDK retries.
  const link = await stripe.accountLinks.create(
    {
      account,
      type: "account_onboarding",
      refresh_url: payoutsPageUrl(band.slug, "expired"),
      return_url: payoutsReturnUrl(band.slug),
    },
    { idempotencyKey: `account-link:${account}:${randomUUID()}` },
  );
  return { url: link.url };
}

/** Reads the account at Stripe (the band is back from onboarding, or the webhook is late). */
export async function syncPayoutStatus(
  db: DbOrTx,
  band: BandRef,
  stripe: Stripe = stripeClient(),
  actor: Actor = SYSTEM,
): Promise<PayoutState | null> {
  if (!band.payoutAccountId) return null;
  const account = await stripe.accounts.retrieve(band.payoutAccountId);
  await applyAccountUpdate(db, account, actor);
  return payoutStateOf(account);
}
