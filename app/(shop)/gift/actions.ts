"use server";

import { getLocale, getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import type { GiftFormState } from "@/components/credit/gift-form";
import { db } from "@/db";
import { getArtistBySlug } from "@/lib/artists";
import { creditAmountLimits, parseGiftForm, startCreditPurchase, type GiftFormField } from "@/lib/credit";
import { isLocale } from "@/lib/i18n/config";
import { shopAvailable } from "@/lib/moderation";
import { formatMoney } from "@/lib/money";

const FIELDS = [
  "amount",
  "currency",
  "email",
  "delivery",
  "recipientEmail",
  "recipientName",
  "senderName",
  "message",
  "deliverOn",
] as const;

/** A gift card for the whole platform, or for one band when the form names its shop. */
export async function buyGiftAction(_state: GiftFormState, form: FormData): Promise<GiftFormState> {
  const [t, locale] = await Promise.all([getTranslations("gifts.buy"), getLocale()]);
  const values = Object.fromEntries(FIELDS.map((f) => [f, String(form.get(f) ?? "").slice(0, 2000)])) as Record<
    (typeof FIELDS)[number],
    string
  >;
  const slug = String(form.get("artist") ?? "");
  const artist = slug ? await getArtistBySlug(db, slug) : null;
  if (slug && (!artist || !shopAvailable(artist))) redirect("/gift");
  const parsed = parseGiftForm(values, { today: new Date(), currency: artist?.currency });
  if (!parsed.ok) {
    const currency = artist?.currency ?? values.currency;
    const { min, max } = creditAmountLimits(/^[A-Z]{3}$/.test(currency) ? currency : "EUR");
    const money = (amount: number) => formatMoney(amount, /^[A-Z]{3}$/.test(currency) ? currency : "EUR", locale);
    const fieldErrors: Partial<Record<GiftFormField, string>> = {};
    for (const [field, key] of Object.entries(parsed.fieldErrors))
      fieldErrors[field as GiftFormField] =
        key === "amount" ? t("errors.amount", { min: money(min), max: money(max) }) : t(`errors.${key}`);
    return { ok: false, error: t("errors.form"), fieldErrors, values };
  }
  const started = await startCreditPurchase(db, {
    kind: "gift_card",
    email: parsed.email,
    currency: parsed.currency,
    unitAmount: parsed.amount,
    artistId: artist?.id ?? null,
    gift: parsed.gift,
    locale: isLocale(locale) ? locale : "en",
    successPath: "/gift/return?purchase={PURCHASE}&session={SESSION}",
    cancelPath: artist ? `/${artist.slug}/gift-card` : "/gift",
  });
  if (!started.ok) return { ok: false, error: t("errors.provider"), fieldErrors: {}, values };
  redirect(started.redirectUrl);
}
