import type Stripe from "stripe";
import type { Logger } from "pino";
import type { Tx } from "../../../db/client";
import { fulfilSession } from "./fulfil-session";

/**
 * The fan finished Checkout. Cards are paid now; delayed methods (SEPA debit, bank transfers)
 * complete as "unpaid" and are fulfilled by checkout.session.async_payment_succeeded.
 */
export async function onCheckoutCompleted(tx: Tx, event: Stripe.CheckoutSessionCompletedEvent, log: Logger) {
  const session = event.data.object;
  if (session.payment_status === "unpaid") {
    log.info({ sessionId: session.id }, "checkout completed, payment still on its way");
    return;
  }
  await fulfilSession(tx, session, log);
}
