import type { Logger } from "pino";
import type Stripe from "stripe";
import type { Tx } from "@/db/client";
import { fulfillSession } from "./fulfill-session";

/** A delayed payment method went through, days after Checkout completed. */
export async function onAsyncPaymentSucceeded(
  tx: Tx,
  event: Stripe.CheckoutSessionAsyncPaymentSucceededEvent,
  log: Logger,
) {
  await fulfillSession(tx, event.data.object, log);
}
