"use server";

import { getLocale, getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { after } from "next/server";
import { libraryViewer } from "@/app/(shop)/library/library-session";
import type { RedeemCreditState } from "@/components/credit/redeem-credit-form";
import { db } from "@/db";
import { clientIp } from "@/lib/auth/client-ip";
import { checkRedeemLink, describeCardIn, normalizeCode, programSponsorName, redeemCredit } from "@/lib/credit";
import { deliverSoon } from "@/lib/email";
import { requestLibraryLink } from "@/lib/library";
import { formatMoney } from "@/lib/money";

const minutes = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));

/** A signed-in fan redeems a code: its value goes to the balance of the library's e-mail. */
export async function redeemGiftAction(_state: RedeemCreditState, form: FormData): Promise<RedeemCreditState> {
  const [t, locale] = await Promise.all([getTranslations("gifts.redeem"), getLocale()]);
  const code = String(form.get("code") ?? "").slice(0, 80);
  const viewer = await libraryViewer();
  if (!viewer) return { ok: false, error: t("errors.invalid_email"), values: { code, email: "" } };
  if (!normalizeCode(code)) return { ok: false, error: t("errors.code"), field: "code", values: { code, email: "" } };
  const result = await redeemCredit(db, { code, email: viewer.email, ip: clientIp(await headers()) });
  if (!result.ok)
    return {
      ok: false,
      field: result.reason === "rate_limited" ? undefined : "code",
      error:
        result.reason === "rate_limited"
          ? t("errors.rate_limited", { minutes: minutes(result.retryAfterSeconds) })
          : t(`errors.${result.reason}`),
      values: { code, email: "" },
    };
  revalidatePath("/library");
  if (result.kind === "enrolled")
    return {
      ok: true,
      message: t("enrolled", {
        sponsor: result.sponsorName,
        cap: formatMoney(result.perFanCap, result.currency, locale),
      }),
    };
  const { card } = result;
  const value = card.programId
    ? t("sponsorValue", {
        amount: formatMoney(card.amount, card.currency, locale),
        sponsor: await programSponsorName(db, card.programId),
      })
    : await describeCardIn(db, locale, card);
  return { ok: true, message: t("done", { value }) };
}

/** No library session yet: a sign-in link that comes back here with the code (only for a live card). */
export async function requestRedeemLinkAction(_state: RedeemCreditState, form: FormData): Promise<RedeemCreditState> {
  const [t, locale] = await Promise.all([getTranslations("gifts.redeem"), getLocale()]);
  const code = String(form.get("code") ?? "").slice(0, 80);
  const email = String(form.get("email") ?? "").slice(0, 400);
  const values = { code, email };
  if (!normalizeCode(code)) return { ok: false, error: t("errors.code"), field: "code", values };
  const ip = clientIp(await headers());
  const check = await checkRedeemLink(db, { code, email, ip });
  if (!check.ok)
    return check.reason === "invalid_email"
      ? { ok: false, error: t("errors.invalid_email"), field: "email", values }
      : { ok: false, error: t("errors.rate_limited", { minutes: minutes(check.retryAfterSeconds) }), values };
  if (check.live) {
    const sent = await requestLibraryLink(db, {
      email: check.email,
      ip,
      locale,
      next: `/gift/redeem?code=${normalizeCode(code)}`,
      holdsCredit: true,
    });
    if (!sent.ok && sent.reason === "rate_limited")
      return { ok: false, error: t("errors.rate_limited", { minutes: minutes(sent.retryAfterSeconds) }), values };
    after(() => deliverSoon(db));
  }
  // The same answer for a code that is not a live card: the form tests no codes.
  return { ok: true, message: t("linkSent", { email: check.email }), linkSent: true };
}
