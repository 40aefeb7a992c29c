"use server";

import { randomBytes } from "node:crypto";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/db";
import { deliverSoon } from "@/lib/email";
import { env } from "@/lib/env";
import { localeHref } from "@/lib/i18n/locale-href";
import { cancelOrder, fulfillOrder, orderBySession, successUrl } from "@/lib/orders";
import { testPaymentsActive } from "@/lib/payments";

export type TestPayState = null | { ok: false; error: string; fieldErrors?: Record<string, string> };

const line = (max: number) => z.string().trim().max(max);
const addressSchema = z.object({
  name: line(120).min(1),
  line1: line(200).min(1),
  line2: line(200),
  postalCode: line(20).min(1),
  city: line(120).min(1),
  state: line(120),
});

/** "Pay" on the test page: the same fulfilment as a real payment, with a made-up payment id. */
export async function payTestAction(_state: TestPayState, form: FormData): Promise<TestPayState> {
  const t = await getTranslations("checkout");
  if (!testPaymentsActive()) return { ok: false, error: t("notFound") };
  const found = await orderBySession(db, String(form.get("session") ?? ""), "test");
  if (!found) return { ok: false, error: t("notFound") };
  const { order } = found;
  if (order.status !== "pending") redirect(successUrl(env().APP_URL, order.id, order.providerSessionId!));
  if (order.expiresAt < new Date()) return { ok: false, error: t("expired") };

  let shippingAddress = null;
  if (order.needsShipping) {
    const parsed = addressSchema.safeParse(
      Object.fromEntries(
        ["name", "line1", "line2", "postalCode", "city", "state"].map((k) => [k, String(form.get(k) ?? "")]),
      ),
    );
    if (!parsed.success) {
      const fieldErrors = Object.fromEntries(
        parsed.error.issues.map((issue) => [String(issue.path[0]), t("addressRequired")]),
      );
      return { ok: false, error: t("addressRequired"), fieldErrors };
    }
    const { line2, state, ...rest } = parsed.data;
    shippingAddress = {
      ...rest,
      ...(line2 ? { line2 } : {}),
      ...(state ? { state } : {}),
      country: order.buyerCountry ?? "",
    };
  }
  const result = await fulfillOrder(db, order.id, {
    paymentId: `test_pay_${randomBytes(12).toString("base64url")}`,
    shippingAddress,
  });
  if (result.outcome === "not_payable") return { ok: false, error: t("expired") };
  await deliverSoon(db);
  redirect(successUrl(env().APP_URL, order.id, order.providerSessionId!));
}

/** "Decline": what a refused card does — the order is canceled and its stock goes back on sale. */
export async function declineTestAction(form: FormData) {
  if (!testPaymentsActive()) return;
  const found = await orderBySession(db, String(form.get("session") ?? ""), "test");
  if (!found) return;
  if (found.order.status === "pending") await cancelOrder(db, found.order.id, "declined");
  redirect(await localeHref(`/${found.artist.slug}/cart?declined=1`));
}
