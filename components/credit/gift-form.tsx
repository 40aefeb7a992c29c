"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { control, Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";

export type GiftFormState = null | {
  ok: false;
  error?: string;
  fieldErrors: Partial<Record<string, string>>;
  values: Record<string, string>;
};

type Props = {
  action: (state: GiftFormState, form: FormData) => Promise<GiftFormState>;
  /** A band's card: its slug, and its shop's currency is the only one. */
  artistSlug: string | null;
  currencies: readonly string[];
  defaultCurrency: string;
  /** "Between 5,00 € and 200,00 €" per currency, formatted on the server. */
  hints: Record<string, string>;
  today: string;
  lastDay: string;
  defaultEmail?: string;
};

/** The gift card form: amount, who it is for and how it gets there. */
export function GiftForm({
  action,
  artistSlug,
  currencies,
  defaultCurrency,
  hints,
  today,
  lastDay,
  defaultEmail,
}: Props) {
  const t = useTranslations("gifts.buy");
  const [state, formAction] = useActionState(action, null);
  const values = state?.values ?? {};
  const errors = state?.fieldErrors ?? {};
  const [currency, setCurrency] = useState(values.currency ?? defaultCurrency);
  const [delivery, setDelivery] = useState(values.delivery ?? "email");
  return (
    <form action={formAction} className="space-y-5" noValidate data-testid="gift-form">
      {artistSlug && <input type="hidden" name="artist" value={artistSlug} />}
      {state?.error && <Notice tone="error">{state.error}</Notice>}
      <div className="grid grid-cols-[1fr_8rem] gap-3">
        <Field
          label={t("amount")}
          name="amount"
          inputMode="decimal"
          required
          defaultValue={values.amount ?? "25"}
          hint={hints[currency]}
          error={errors.amount}
        />
        <div>
          <label htmlFor="currency" className="mb-1 block text-sm font-medium">
            {t("currency")}
          </label>
          <select
            id="currency"
            name="currency"
            className={control}
            defaultValue={currency}
            onChange={(e) => setCurrency(e.target.value)}
            disabled={currencies.length < 2}
            aria-invalid={errors.currency ? true : undefined}
          >
            {currencies.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
          {errors.currency && <p className="mt-1 text-sm text-red-700">{errors.currency}</p>}
        </div>
      </div>
      <Field
        label={t("buyerEmail")}
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={values.email ?? defaultEmail ?? ""}
        error={errors.email}
      />
      <fieldset>
        <legend className="mb-2 text-sm font-medium">{t("delivery")}</legend>
        <div className="flex flex-col gap-2 sm:flex-row sm:gap-6">
          {(["email", "print"] as const).map((value) => (
            <label key={value} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="delivery"
                value={value}
                defaultChecked={delivery === value}
                onChange={() => setDelivery(value)}
              />
              {t(value === "email" ? "deliveryEmail" : "deliveryPrint")}
            </label>
          ))}
        </div>
      </fieldset>
      {delivery === "email" && (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            label={t("recipientEmail")}
            name="recipientEmail"
            type="email"
            required
            defaultValue={values.recipientEmail ?? ""}
            error={errors.recipientEmail}
          />
          <Field
            label={t("deliverOn")}
            name="deliverOn"
            type="date"
            min={today}
            max={lastDay}
            defaultValue={values.deliverOn ?? today}
            error={errors.deliverOn}
          />
        </div>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label={t("recipientName")}
          name="recipientName"
          maxLength={100}
          defaultValue={values.recipientName ?? ""}
          error={errors.recipientName}
        />
        <Field
          label={t("senderName")}
          name="senderName"
          maxLength={100}
          defaultValue={values.senderName ?? ""}
          error={errors.senderName}
        />
      </div>
      <div>
        <label htmlFor="message" className="mb-1 block text-sm font-medium">
          {t("message")}
        </label>
        <textarea
          id="message"
          name="message"
          rows={4}
          maxLength={500}
          className={control}
          defaultValue={values.message ?? ""}
          aria-invalid={errors.message ? true : undefined}
          aria-describedby="message-hint"
        />
        <p id="message-hint" className="mt-1 text-xs text-muted">
          {t("messageHint")}
        </p>
        {errors.message && <p className="mt-1 text-sm text-red-700">{errors.message}</p>}
      </div>
      <SubmitButton className="w-full">{t("submit")}</SubmitButton>
    </form>
  );
}
