"use server";

import { getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { db } from "@/db";
import { clientIp } from "@/lib/auth/client-ip";
import { localeHref } from "@/lib/i18n/locale-href";
import { createReport } from "@/lib/moderation";

export type ReportState = null | {
  ok: false;
  error?: string;
  fieldErrors?: Partial<Record<"reason" | "message" | "email", string>>;
  values: { reason: string; message: string; email: string };
};

/** Public: anyone may post here, so lib/moderation validates, limits and checks the band itself. */
export async function reportAction(_state: ReportState, form: FormData): Promise<ReportState> {
  const t = await getTranslations("moderation.report.errors");
  const raw = Object.fromEntries(form);
  const values = {
    reason: String(form.get("reason") ?? "").slice(0, 20),
    message: String(form.get("message") ?? "").slice(0, 4000),
    email: String(form.get("email") ?? "").slice(0, 254),
  };
  const result = await createReport(db, raw, clientIp(await headers()));
  if (!result.ok) {
    if (result.error === "invalid")
      return {
        ok: false,
        fieldErrors: Object.fromEntries(Object.entries(result.fieldErrors).map(([k, code]) => [k, t(code)])),
        values,
      };
    if (result.error === "rate_limited")
      return { ok: false, error: t("rate_limited", { minutes: Math.ceil(result.retryAfterSeconds / 60) }), values };
    return { ok: false, error: t("not_found"), values };
  }
  const shop = String(form.get("shop") ?? "").toLowerCase();
  redirect(await localeHref(`/report/thanks?shop=${encodeURIComponent(shop)}`));
}
