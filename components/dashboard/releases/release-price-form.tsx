"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { MoneyField } from "@/components/dashboard/selling/money-field";
import { PricingFields, type PricingValues } from "@/components/dashboard/selling/pricing-fields";
import { FormStatus } from "@/components/ui/form-status";
import { SubmitButton } from "@/components/ui/submit-button";

type State =
  | null
  | { ok: true; message?: string }
  | { ok: false; error?: string; fieldErrors?: Record<string, string>; values?: Record<string, string> };

/**
 * The release's price and every track's at once ("sell each track at €1"), on the page the band
 * is already on, beside Publish. A field's error goes away as soon as the band changes it.
 */
export function ReleasePriceForm({
  action,
  releaseId,
  currency,
  pricing,
  eachTrack,
  trackCount,
}: {
  action: (state: State, form: FormData) => Promise<State>;
  releaseId: string;
  currency: string;
  pricing: PricingValues;
  eachTrack: { value: string; mixed: boolean };
  trackCount: number;
}) {
  const t = useTranslations("firstRun.price");
  const [state, formAction] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  const [fixed, setFixed] = useState<Set<string>>(new Set());
  const errors = Object.fromEntries(Object.entries(failed?.fieldErrors ?? {}).filter(([name]) => !fixed.has(name)));
  // Once every field it pointed at has been changed, the summary beside the button is stale too.
  const stale = Boolean(failed?.fieldErrors) && Object.keys(errors).length === 0;
  const value = (name: keyof PricingValues) => failed?.values?.[name] ?? pricing[name];
  return (
    <form
      action={(form) => {
        setFixed(new Set());
        return formAction(form);
      }}
      onInput={(e) => {
        const name = (e.target as HTMLInputElement).name;
        if (name) setFixed((names) => new Set(names).add(name));
      }}
      className="space-y-5"
      noValidate
      data-testid="price-form"
    >
      <input type="hidden" name="releaseId" value={releaseId} />
      {eachTrack.mixed && <input type="hidden" name="tracksMixed" value="1" />}
      <PricingFields
        idPrefix="release"
        currency={currency}
        values={{
          pricingMode: value("pricingMode"),
          priceAmount: value("priceAmount"),
          priceMinimum: value("priceMinimum"),
        }}
        errors={errors}
      />
      {trackCount > 0 && (
        <MoneyField
          id="trackPrice"
          className="sm:w-1/2 sm:pr-2"
          label={t("eachTrack")}
          name="trackPrice"
          currency={currency}
          defaultValue={failed?.values?.trackPrice ?? eachTrack.value}
          placeholder={eachTrack.mixed ? t("mixedPlaceholder") : "1.00"}
          hint={eachTrack.mixed ? t("eachTrackMixedHint") : t("eachTrackHint", { count: trackCount })}
          error={errors.trackPrice}
        />
      )}
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton>{t("save")}</SubmitButton>
        <FormStatus state={stale ? null : state} testId="price-status" />
      </div>
    </form>
  );
}
