"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { PricingMode } from "@/db/schema";
import { MoneyField } from "./money-field";

export type PricingValues = { pricingMode: string; priceAmount: string; priceMinimum: string };

const MODES: PricingMode[] = ["fixed", "pay_what_you_want", "free"];

/**
 * How a release (or a track sold on its own) is priced: fixed, pay what you want with a minimum
 * and a suggestion, or free for an email. Every input stays mounted so switching modes back and
 * forth keeps what the band typed; the server reads only the fields of the chosen mode.
 */
export function PricingFields({
  idPrefix,
  currency,
  values,
  errors,
}: {
  idPrefix: string;
  currency: string;
  values: PricingValues;
  errors: Record<string, string | undefined>;
}) {
  const t = useTranslations("selling.price");
  const [mode, setMode] = useState<string>(values.pricingMode);
  return (
    <div className="space-y-4" data-testid={`${idPrefix}-pricing`}>
      <fieldset>
        <legend className="mb-2 text-sm font-medium">{t("mode")}</legend>
        <div className="inline-flex flex-wrap rounded-md border border-stone-300 bg-white p-0.5 text-sm">
          {MODES.map((m) => (
            <label
              key={m}
              className={`cursor-pointer rounded px-3 py-1.5 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ink ${mode === m ? "bg-ink text-white" : "hover:bg-stone-100"}`}
            >
              <input
                type="radio"
                name="pricingMode"
                value={m}
                checked={mode === m}
                onChange={() => setMode(m)}
                className="sr-only"
              />
              {t(`modes.${m}`)}
            </label>
          ))}
        </div>
        {errors.pricingMode && (
          <p role="alert" className="mt-1 text-sm text-red-700">
            {errors.pricingMode}
          </p>
        )}
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2" hidden={mode === "free"}>
        <MoneyField
          id={`${idPrefix}-priceMinimum`}
          className={mode === "pay_what_you_want" ? "" : "hidden"}
          label={t("minimum")}
          name="priceMinimum"
          currency={currency}
          defaultValue={values.priceMinimum}
          placeholder="0"
          hint={t("minimumHint")}
          error={errors.priceMinimum}
        />
        <MoneyField
          id={`${idPrefix}-priceAmount`}
          label={mode === "pay_what_you_want" ? t("suggested") : t("amount")}
          name="priceAmount"
          currency={currency}
          defaultValue={values.priceAmount}
          placeholder={mode === "pay_what_you_want" ? "" : "7.00"}
          hint={mode === "pay_what_you_want" ? t("suggestedHint") : undefined}
          error={errors.priceAmount}
        />
      </div>
      {mode === "free" && <p className="text-sm text-muted">{t("freeHint")}</p>}
    </div>
  );
}
