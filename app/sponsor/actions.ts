"use server";

import { getLocale, getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { db } from "@/db";
import { requireUser } from "@/lib/auth";
import { creditAmountLimits } from "@/lib/credit";
import type { Locale } from "@/lib/i18n/config";
import { formatMoney } from "@/lib/money";
import { startProgram } from "@/lib/sponsors";

export type ProgramFormState = null | {
  ok: false;
  error: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
};

const FIELDS = [
  "kind",
  "label",
  "currency",
  "count",
  "amount",
  "pool",
  "cap",
  "codes",
  "digitalOnly",
  "countries",
  "endsAt",
];

/**
 * A member sets up a program and goes to its payment page. A public POST endpoint: startProgram
 * checks membership of the sponsor named in the form, so another sponsor's id changes nothing.
 */
export async function startProgramAction(_state: ProgramFormState, form: FormData): Promise<ProgramFormState> {
  const user = await requireUser("/sponsor");
  const [t, locale] = await Promise.all([getTranslations("sponsor.errors"), getLocale()]);
  const values = Object.fromEntries(FIELDS.map((k) => [k, String(form.get(k) ?? "")]));
  const result = await startProgram(db, user, String(form.get("sponsorId") ?? ""), values, locale as Locale);
  if (result.ok) redirect(result.redirectUrl);
  const limits = creditAmountLimits(values.currency || "EUR");
  const range = {
    min: formatMoney(limits.min, values.currency || "EUR", locale),
    max: formatMoney(limits.max, values.currency || "EUR", locale),
  };
  const fieldErrors = Object.fromEntries(
    Object.entries(result.fieldErrors ?? {}).map(([field, key]) => [field, t.has(key) ? t(key, range) : t("invalid")]),
  );
  return { ok: false, error: t(result.error), fieldErrors, values };
}
