import { eq } from "drizzle-orm";
import type { Logger } from "pino";
import type Stripe from "stripe";
import type { Tx } from "@/db/client";
import { artists } from "@/db/schema";
import { applyAccountUpdate, payoutStateOf, stripeClient } from "@/lib/payments";

/**
 * A band's connected account changed (onboarding finished, details under review, restricted).
 * These events arrive in any order (a retried older one after a newer one), and each carries a
 * snapshot, so the account is read again from Stripe: the status stored is always the latest.
 */
export async function onAccountUpdated(tx: Tx, event: Stripe.AccountUpdatedEvent, log: Logger) {
  const accountId = event.data.object.id;
  const [band] = await tx
    .select({ id: artists.id })
    .from(artists)
    .where(eq(artists.payoutAccountId, accountId))
    .limit(1);
  if (!band) {
    log.info({ accountId }, "account update for an account no band uses: ignored");
    return;
  }
  const account = await stripeClient().accounts.retrieve(accountId);
  await applyAccountUpdate(tx, account);
  log.info({ artistId: band.id, accountId, ...payoutStateOf(account) }, "payout account updated");
}
