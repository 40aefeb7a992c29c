import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { orders } from "@/db/schema";
import { deliverSoon } from "@/lib/email";
import { seeOther } from "@/lib/http";
import { logger } from "@/lib/log";
import { fulfillOrder } from "@/lib/orders";
import { paymentProvider } from "@/lib/payments";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Where the payment page sends the fan back (the provider's success URL is a GET navigation, so
 * this is a route handler rather than a page). The order id and its payment session id must match
 * (the session id is the secret). If the webhook has not arrived yet, the provider is asked and
 * the order fulfilled here: the same idempotent function, so whichever comes first wins. Then the
 * fan is sent to the thank-you page, which only reads (and comes back here while it waits).
 */
export async function GET(request: Request) {
  const url = new URL(request.url);
  const orderId = url.searchParams.get("order");
  const session = url.searchParams.get("session");
  // The thank-you page answers a malformed or unknown return with its 404.
  if (!orderId || !UUID.test(orderId) || !session) return seeOther(`/checkout/success${url.search}`);
  const thanks = `/checkout/success?order=${orderId}&session=${encodeURIComponent(session)}`;

  const [order] = await db
    .select({ id: orders.id, status: orders.status, provider: orders.provider })
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.providerSessionId, session)));
  if (!order || order.status !== "pending" || order.provider === "free") return seeOther(thanks);
  try {
    const provider = paymentProvider(db);
    if (provider.name === order.provider) {
      const checkout = await provider.getCheckoutState(session);
      if (checkout.status === "paid") {
        await fulfillOrder(db, order.id, checkout.confirmation);
        await deliverSoon(db);
      } else if (checkout.status === "expired" || checkout.status === "failed") {
        return seeOther(`${thanks}&failed=1`);
      }
    }
  } catch (error) {
    // The webhook will fulfil it; the thank-you page comes back here until then.
    logger.warn({ err: error, orderId }, "checkout return could not ask the payment provider");
  }
  return seeOther(thanks);
}
