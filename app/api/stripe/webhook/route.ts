import { db } from "@/db";
import { receiveStripeWebhook } from "@/lib/orders/payment-events/webhook";

// The signature covers the exact bytes Stripe sent: read them as text, never parse then re-serialise.
export const runtime = "nodejs";

export async function POST(request: Request) {
  const outcome = await receiveStripeWebhook(db, await request.text(), request.headers.get("stripe-signature"));
  const body = outcome.status === 200 ? { received: true, result: outcome.result } : { error: outcome.error };
  return Response.json(body, { status: outcome.status, headers: { "Cache-Control": "no-store" } });
}
