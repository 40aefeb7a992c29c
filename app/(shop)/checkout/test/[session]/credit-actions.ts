"use server";

import { randomBytes } from "node:crypto";
import { redirect } from "next/navigation";
import { db } from "@/db";
import type { CreditPurchase } from "@/db/schema";
import { cancelCreditPurchase, creditPurchaseBySession, fulfillCreditPurchase } from "@/lib/credit";
import { deliverSoon } from "@/lib/email";
import { testPaymentsActive } from "@/lib/payments";

/** Where the buyer lands: a sponsor back on its program's page, anyone else on the gift's thank-you page. */
const thanks = (purchase: CreditPurchase, session: string) =>
  (purchase.kind === "sponsor_cards" || purchase.kind === "sponsor_pool") && purchase.programId
    ? `/sponsor/programs/${purchase.programId}?paid=1`
    : `/gift/thanks?purchase=${purchase.id}&session=${encodeURIComponent(session)}`;

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
  redirect(thanks(purchase, session));
}

/** "Decline": nothing is bought, and the buyer goes back to the form. */
export async function declineCreditTestAction(form: FormData) {
  if (!testPaymentsActive()) return;
  const session = String(form.get("session") ?? "");
  const found = await creditPurchaseBySession(db, session);
  if (!found || found.purchase.provider !== "test") return;
  if (found.purchase.status === "pending") await db.transaction((tx) => cancelCreditPurchase(tx, found.purchase.id));
  redirect(thanks(found.purchase, session));
}
