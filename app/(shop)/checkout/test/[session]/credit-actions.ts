"use server";

import { randomBytes } from "node:crypto";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { db } from "@/db";
import { cancelCreditPurchase, creditPurchaseBySession, creditReturnPath, fulfillCreditPurchase } from "@/lib/credit";
import { deliverSoon } from "@/lib/email";
import { testPaymentsActive } from "@/lib/payments";
import type { TestPayState } from "./actions";

/** "Pay" on the test page for credit (cards, a top-up, a sponsor's program): the same fulfilment as a real payment. */
export async function payCreditTestAction(_state: TestPayState, form: FormData): Promise<TestPayState> {
  const t = await getTranslations("checkout");
  if (!testPaymentsActive()) return { ok: false, error: t("notFound") };
  const purchase = await creditPurchaseBySession(db, String(form.get("session") ?? ""), "test");
  if (!purchase) return { ok: false, error: t("notFound") };
  if (purchase.status === "pending" && purchase.expiresAt < new Date()) return { ok: false, error: t("expired") };
  const result = await fulfillCreditPurchase(db, purchase.id, {
    paymentId: `test_pay_${randomBytes(12).toString("base64url")}`,
  });
  if (result.outcome === "not_payable") return { ok: false, error: t("expired") };
  await deliverSoon(db);
  redirect(creditReturnPath(purchase));
}

/** "Decline": nothing is paid, the purchase closes. */
export async function declineCreditTestAction(form: FormData) {
  if (!testPaymentsActive()) return;
  const purchase = await creditPurchaseBySession(db, String(form.get("session") ?? ""), "test");
  if (!purchase) return;
  await db.transaction((tx) => cancelCreditPurchase(tx, purchase.id));
  redirect(purchase.kind.startsWith("sponsor") ? `/sponsor?s=${purchase.sponsorId ?? ""}` : "/library");
}
