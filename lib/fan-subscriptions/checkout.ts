import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import { fanSubscriptions, type Artist, type BillingInterval } from "@/db/schema";
import { env } from "@/lib/env";
import type { Locale } from "@/lib/i18n/config";
import { stripeClient, testPaymentsActive } from "@/lib/payments";
import { feeFor } from "@/lib/plans";
import { getOffer, offeredAmount } from "./offer";

export type SubscribeResult =
  | { ok: true; url: string }
  | { ok: false; reason: "not_offered" | "bad_email" | "already_subscribed" | "payouts_needed" | "provider_failed" };

type Band = Pick<Artist, "id" | "slug" | "name" | "payoutAccountId" | "payoutStatus">;

const subscribePage = (artist: Pick<Artist, "slug">) => `${env().APP_URL}/${encodeURIComponent(artist.slug)}/subscribe`;
const email = z.string().trim().toLowerCase().email().max(254);

/** Whether this address has a running subscription (active, or past due within its grace) to the band. */
export async function isLiveSubscriber(db: DbOrTx, artistId: string, address: string | null): Promise<boolean> {
  if (!address) return false;
  const [row] = await db
    .select({ id: fanSubscriptions.id })
    .from(fanSubscriptions)
    .where(
      and(
        eq(fanSubscriptions.artistId, artistId),
        eq(fanSubscriptions.email, address.trim().toLowerCase()),
        sql`${fanSubscriptions.status} in ('active', 'past_due')`,
      ),
    )
    .limit(1);
  return Boolean(row);
}

/**
 * A fan subscribes: an incomplete row first (its id travels in the checkout's metadata, so every
 * later event finds it), then Stripe Checkout in subscription mode ON THE BAND'S CONNECTED ACCOUNT
 * (the band is the merchant; the platform takes its plan's fee as application_fee_percent), or the
 * local test page. The price is the offer's now, never the browser's.
 */
export async function startFanSubscription(
  db: Db,
  input: { artist: Band; interval: BillingInterval; email: string; locale: Locale },
): Promise<SubscribeResult> {
  const { artist, interval } = input;
  const offer = await getOffer(db, artist.id);
  const amount = offeredAmount(offer, interval);
  if (!offer || amount === null) return { ok: false, reason: "not_offered" };
  const parsed = email.safeParse(input.email);
  if (!parsed.success) return { ok: false, reason: "bad_email" };
  const address = parsed.data;
  if (await isLiveSubscriber(db, artist.id, address)) return { ok: false, reason: "already_subscribed" };
  const test = testPaymentsActive();
  if (!test && (artist.payoutStatus !== "active" || !artist.payoutAccountId)) {
    return { ok: false, reason: "payouts_needed" };
  }
  const { basisPoints } = await feeFor(db, artist.id);
  const testSessionId = test ? `test_fansub_${randomBytes(18).toString("base64url")}` : null;
  const [row] = await db
    .insert(fanSubscriptions)
    .values({
      artistId: artist.id,
      email: address,
      provider: test ? "test" : "stripe",
      interval,
      amount,
      currency: offer.currency,
      feeBasisPoints: basisPoints,
      locale: input.locale,
      providerSessionId: testSessionId,
    })
    .returning();
  if (testSessionId) return { ok: true, url: `${subscribePage(artist)}/checkout/${testSessionId}` };
  const metadata = { artistId: artist.id, fanSubscriptionId: row.id };
  const session = await stripeClient().checkout.sessions.create(
    {
      mode: "subscription",
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: offer.currency.toLowerCase(),
            unit_amount: amount,
            recurring: { interval },
            product_data: { name: `${artist.name} subscription` },
          },
        },
      ],
      customer_email: address,
      client_reference_id: row.id,
      metadata,
      // Copied onto the subscription and each of its invoices: an invoice arriving first still finds the row.
      subscription_data: { metadata, application_fee_percent: basisPoints / 100 },
      locale: input.locale,
      success_url: `${subscribePage(artist)}?checkout=done`,
      cancel_url: `${subscribePage(artist)}?checkout=canceled`,
    },
    { idempotencyKey: `fan-sub-checkout-${row.id}`, stripeAccount: artist.payoutAccountId! },
  );
  await db.update(fanSubscriptions).set({ providerSessionId: session.id }).where(eq(fanSubscriptions.id, row.id));
  if (!session.url) return { ok: false, reason: "provider_failed" };
  return { ok: true, url: session.url };
}
