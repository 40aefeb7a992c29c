"use server";

import { getLocale, getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import type { TopUpState } from "@/components/credit/top-up-form";
import { db } from "@/db";
import { isCurrency } from "@/lib/artists";
import { creditAmountLimits, startCreditPurchase } from "@/lib/credit";
import { isLocale } from "@/lib/i18n/config";
import { formatMoney, parseMoneyInput } from "@/lib/money";
import { libraryViewer } from "./library-session";

/** "Add credit": the signed-in fan tops up their own platform balance. */
export async function topUpAction(_state: TopUpState, form: FormData): Promise<TopUpState> {
  const [t, locale, viewer] = await Promise.all([getTranslations("gifts.buy"), getLocale(), libraryViewer()]);
  if (!viewer) redirect("/library");
  const values = {
    amount: String(form.get("amount") ?? "").slice(0, 40),
    currency: String(form.get("currency") ?? ""),
  };
  if (!isCurrency(values.currency)) return { ok: false, error: t("errors.currency"), values };
  const { min, max } = creditAmountLimits(values.currency);
  const parsed = parseMoneyInput(values.amount, values.currency);
  if (!parsed.ok || parsed.amount < min || parsed.amount > max) {
    const money = (amount: number) => formatMoney(amount, values.currency, locale);
    return { ok: false, error: t("errors.amount", { min: money(min), max: money(max) }), values };
  }
  const started = await startCreditPurchase(db, {
    kind: "top_up",
    email: viewer.email,
    currency: values.currency,
    unitAmount: parsed.amount,
    locale: isLocale(locale) ? locale : "en",
    successPath: "/gift/return?purchase={PURCHASE}&session={SESSION}",
    cancelPath: "/library",
  });
  if (!started.ok) return { ok: false, error: t("errors.provider"), values };
  redirect(started.redirectUrl);
}
