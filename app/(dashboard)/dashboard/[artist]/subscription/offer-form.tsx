"use client";

import { useActionState } from "react";
import { Field, TextArea } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { SubmitButton } from "@/components/ui/submit-button";
import type { OfferError, OfferField } from "@/lib/fan-subscriptions/offer";
import type { OfferFormState } from "./actions";

export type OfferFormText = {
  monthly: string;
  yearly: string;
  monthlyHint: string;
  yearlyHint: string;
  backCatalogue: string;
  description: string;
  active: string;
  activeHint: string;
  save: string;
  saved: string;
  invalid: string;
  /** Per field, per error code: already worded with the field's own limits. */
  errors: Record<"monthly" | "yearly" | "description" | "active", Record<OfferError, string>>;
};

/** The offer's fields; errors come back per field and the typed values stay. */
export function OfferForm({
  action,
  artistId,
  values,
  text,
}: {
  action: (state: OfferFormState, form: FormData) => Promise<OfferFormState>;
  artistId: string;
  values: { monthly: string; yearly: string; description: string; backCatalogue: boolean; active: boolean };
  text: OfferFormText;
}) {
  const [state, formAction] = useActionState(action, null);
  const shown = state && !state.ok && "values" in state ? state.values : values;
  const errors: Partial<Record<OfferField, OfferError>> =
    state && !state.ok && "fieldErrors" in state ? state.fieldErrors : {};
  const error = (field: OfferField) => (errors[field] ? text.errors[field][errors[field]] : null);
  const status = state?.ok
    ? { ok: true, message: text.saved }
    : state && "invalid" in state
      ? { ok: false, error: text.invalid }
      : null;
  return (
    <form action={formAction} className="space-y-5" data-testid="offer-form">
      <input type="hidden" name="artistId" value={artistId} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label={text.monthly}
          name="monthly"
          inputMode="decimal"
          defaultValue={shown.monthly}
          hint={text.monthlyHint}
          error={error("monthly")}
        />
        <Field
          label={text.yearly}
          name="yearly"
          inputMode="decimal"
          defaultValue={shown.yearly}
          hint={text.yearlyHint}
          error={error("yearly")}
        />
      </div>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="backCatalogue" defaultChecked={shown.backCatalogue} className="mt-0.5" />
        {text.backCatalogue}
      </label>
      <TextArea
        label={text.description}
        name="description"
        rows={4}
        defaultValue={shown.description}
        error={error("description")}
      />
      <div>
        <label className="flex items-start gap-2 text-sm font-medium">
          <input
            type="checkbox"
            name="active"
            defaultChecked={shown.active}
            className="mt-0.5"
            aria-describedby="active-hint"
            aria-invalid={errors.active ? true : undefined}
          />
          {text.active}
        </label>
        <p id="active-hint" className="mt-1 text-sm text-muted">
          {text.activeHint}
        </p>
        {errors.active && (
          <p role="alert" className="mt-1 text-sm text-red-700">
            {error("active")}
          </p>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton>{text.save}</SubmitButton>
        <FormStatus state={status} testId="offer-status" />
      </div>
    </form>
  );
}
