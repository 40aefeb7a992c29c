"use server";

import { randomBytes } from "node:crypto";
import { redirect } from "next/navigation";
import { db } from "@/db";
import { cancelCreditPurchase, creditPurchaseBySession, fulfillCreditPurchase } from "@/lib/credit";
import { deliverSoon } from "@/lib/email";
import { testPaymentsActive } from "@/lib/payments";

const thanks = (purchaseId: string, session: string) =>
  `/gift/thanks?purchase=${purchaseId}&session=${encodeURIComponent(session)}`;

/** "Pay" for credit on the test page: the same fulfilment as a confirmed Stripe payment. */
export async function payCreditTestAction(form: FormData) {
  if (!testPaymentsActive()) return;
  const session = String(form.get("session") ?? "");
  const found = await creditPurchaseBySession(db, session);
  if (!found || found.purchase.provider !== "test") return;
  const { purchase } = found;
  if (purchase.status === "pending" && purchase.expiresAt > new Date()) {
    await fulfillCreditPurchase(db, purchase.id, { paymentId: `test_pay_${randomBytes(12).toString("base64url")}` });
    await deliverSoon(db);
  }
  redirect(thanks(purchase.id, session));
}

/** "Decline": nothing is bought, and the buyer goes back to the form. */
export async function declineCreditTestAction(form: FormData) {
  if (!testPaymentsActive()) return;
  const session = String(form.get("session") ?? "");
  const found = await creditPurchaseBySession(db, session);
  if (!found || found.purchase.provider !== "test") return;
  if (found.purchase.status === "pending") await db.transaction((tx) => cancelCreditPurchase(tx, found.purchase.id));
  redirect(thanks(found.purchase.id, session));
}
