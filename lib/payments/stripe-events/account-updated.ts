import type Stripe from "stripe";
import type { Logger } from "pino";
import type { Tx } from "../../../db/client";
import { applyAccountUpdate, payoutStateOf } from "../connect";

/** A band's connected account changed (onboarding finished, details under review, restricted). */
export async function onAccountUpdated(tx: Tx, event: Stripe.AccountUpdatedEvent, log: Logger) {
  const account = event.data.object;
  const { artistId } = await applyAccountUpdate(tx, account);
  if (artistId) log.info({ artistId, accountId: account.id, ...payoutStateOf(account) }, "payout account updated");
}
