import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { saveCardValidityAction, saveSettingsAction } from "@/app/admin/actions";
import { Flash } from "@/app/admin/flash";
import { control } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { db } from "@/db";
import { MAX_CARD_VALIDITY_MONTHS } from "@/lib/admin";
import { CURRENCIES } from "@/lib/artists/currencies";
import { requireOperator } from "@/lib/auth/operator-guard";
import { cardValidityMonths, MIN_CARD_VALIDITY_MONTHS } from "@/lib/credit";
import { moneyInputValue } from "@/lib/money";
import { planSettings } from "@/lib/plans";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.nav"))("settings") };
}

const percent = (basisPoints: number) => String(basisPoints / 100);

export default async function SettingsPage({ searchParams }: PageProps<"/admin/settings">) {
  await requireOperator();
  const [t, settings, months, query] = await Promise.all([
    getTranslations("admin.settings"),
    planSettings(db),
    cardValidityMonths(db),
    searchParams,
  ]);
  return (
    <div className="max-w-xl space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-muted">{t("intro")}</p>
      <Flash searchParams={searchParams} />
      <form action={saveSettingsAction} className="grid gap-4" data-testid="settings-form">
        <label className="grid gap-1 text-sm">
          {t("currency")}
          <select name="currency" defaultValue={settings.currency} className={control}>
            {CURRENCIES.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <label className="grid gap-1 text-sm">
          {t("proYearly")}
          <input
            name="proYearly"
            required
            inputMode="decimal"
            defaultValue={moneyInputValue(settings.proYearlyAmount, settings.currency)}
            className={control}
          />
        </label>
        <label className="grid gap-1 text-sm">
          {t("proMonthly")}
          <input
            name="proMonthly"
            required
            inputMode="decimal"
            defaultValue={moneyInputValue(settings.proMonthlyAmount, settings.currency)}
            className={control}
          />
        </label>
        <label className="grid gap-1 text-sm">
          {t("freeFee")}
          <input
            name="freeFee"
            required
            inputMode="decimal"
            defaultValue={percent(settings.feeBasisPoints.free)}
            className={control}
          />
        </label>
        <label className="grid gap-1 text-sm">
          {t("proFee")}
          <input
            name="proFee"
            required
            inputMode="decimal"
            defaultValue={percent(settings.feeBasisPoints.pro)}
            className={control}
          />
        </label>
        <p className="text-xs text-muted">{t("note")}</p>
        <div>
          <SubmitButton>{t("save")}</SubmitButton>
        </div>
      </form>
      <form
        action={saveCardValidityAction}
        className="grid gap-4 border-t border-line pt-6"
        data-testid="card-validity-form"
      >
        <h2 className="text-lg font-semibold">{t("cards.title")}</h2>
        <label className="grid gap-1 text-sm">
          {t("cards.validity")}
          <input
            name="cardValidity"
            inputMode="numeric"
            defaultValue={months ?? ""}
            placeholder={t("cards.never")}
            className={control}
            aria-invalid={typeof query.error === "string" && query.error.startsWith("card_validity") ? true : undefined}
          />
        </label>
        {query.error === "card_validity_short" && (
          <p role="alert" className="text-sm text-red-700">
            {t("cards.tooShort", { min: MIN_CARD_VALIDITY_MONTHS })}
          </p>
        )}
        {query.error === "card_validity_invalid" && (
          <p role="alert" className="text-sm text-red-700">
            {t("cards.invalid", { min: MIN_CARD_VALIDITY_MONTHS, max: MAX_CARD_VALIDITY_MONTHS })}
          </p>
        )}
        <p className="text-xs text-muted">{t("cards.note", { min: MIN_CARD_VALIDITY_MONTHS })}</p>
        <div>
          <SubmitButton>{t("save")}</SubmitButton>
        </div>
      </form>
    </div>
  );
}
