"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { control } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";

export type TopUpState = null | { ok: false; error: string; values: { amount: string; currency: string } };

/** "Add credit" to one's own balance: an amount and a currency, then the payment page. */
export function TopUpForm({
  action,
  currencies,
  defaultCurrency,
}: {
  action: (state: TopUpState, form: FormData) => Promise<TopUpState>;
  currencies: readonly string[];
  defaultCurrency: string;
}) {
  const t = useTranslations("gifts.buy");
  const tl = useTranslations("gifts.library");
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-3" noValidate data-testid="top-up-form">
      {state?.error && <Notice tone="error">{state.error}</Notice>}
      <div className="flex gap-2">
        <label className="sr-only" htmlFor="top-up-amount">
          {t("amount")}
        </label>
        <input
          id="top-up-amount"
          name="amount"
          inputMode="decimal"
          defaultValue={state?.values.amount ?? "10"}
          className={control}
          aria-invalid={state ? true : undefined}
        />
        <label className="sr-only" htmlFor="top-up-currency">
          {t("currency")}
        </label>
        <select
          id="top-up-currency"
          name="currency"
          defaultValue={state?.values.currency ?? defaultCurrency}
          className={`${control} w-28`}
        >
          {currencies.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </div>
      <SubmitButton variant="secondary" className="w-full">
        {tl("addSubmit")}
      </SubmitButton>
    </form>
  );
}
