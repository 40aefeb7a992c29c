import { db } from "@/db";
import { creditPurchaseBySession, fulfillCreditPurchase } from "@/lib/credit";
import { deliverSoon } from "@/lib/email";
import { seeOther } from "@/lib/http";
import { logger } from "@/lib/log";
import { paymentProvider } from "@/lib/payments";

/**
 * Where the payment page sends the buyer of credit back (as /checkout/return does for orders):
 * the purchase and its session must match; if the webhook has not arrived, the provider is asked
 * and the purchase fulfilled here, by the same idempotent function. Then the thank-you page.
 */
export async function GET(request: Request) {
  const url = new URL(request.url);
  const purchaseId = url.searchParams.get("purchase") ?? "";
  const session = url.searchParams.get("session") ?? "";
  const thanks = `/gift/thanks?purchase=${encodeURIComponent(purchaseId)}&session=${encodeURIComponent(session)}`;
  const found = await creditPurchaseBySession(db, session, purchaseId);
  if (!found || found.purchase.status !== "pending") return seeOther(thanks);
  try {
    const provider = paymentProvider(db);
    if (provider.name === found.purchase.provider) {
      const checkout = await provider.getCheckoutState(session);
      if (checkout.status === "paid") {
        await fulfillCreditPurchase(db, found.purchase.id, checkout.confirmation);
        await deliverSoon(db);
      } else if (checkout.status === "expired" || checkout.status === "failed") {
        return seeOther(`${thanks}&failed=1`);
      }
    }
  } catch (error) {
    logger.warn({ err: error, purchaseId }, "credit return could not ask the payment provider");
  }
  return seeOther(thanks);
}
