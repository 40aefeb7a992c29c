import type { Logger } from "pino";
import type Stripe from "stripe";
import type { Tx } from "@/db/client";
import { invoiceFailed, invoicePaid, lockSubscription } from "@/lib/billing/lifecycle";
import { at, invoiceFacts, invoiceRef } from "./objects";

/** invoice.paid: the first payment or a renewal (also a failed renewal's successful retry). */
export async function onInvoicePaid(tx: Tx, event: Stripe.InvoicePaidEvent, log: Logger) {
  const invoice = event.data.object;
  const ref = invoiceRef(invoice);
  const sub = ref && (await lockSubscription(tx, ref));
  if (!sub) {
    log.info({ invoice: invoice.id }, "paid invoice for no plan subscription of ours");
    return;
  }
  await invoicePaid(tx, sub, invoiceFacts(invoice, at(event.created), true), log);
}

/** invoice.payment_failed: a renewal the card refused; the grace period starts. */
export async function onInvoicePaymentFailed(tx: Tx, event: Stripe.InvoicePaymentFailedEvent, log: Logger) {
  const invoice = event.data.object;
  const ref = invoiceRef(invoice);
  const sub = ref && (await lockSubscription(tx, ref));
  if (!sub) {
    log.info({ invoice: invoice.id }, "failed invoice for no plan subscription of ours");
    return;
  }
  await invoiceFailed(tx, sub, invoiceFacts(invoice, at(event.created), false), log);
}
