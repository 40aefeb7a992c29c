"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { startProgramAction } from "./actions";

type Labels = Record<
  | "title"
  | "intro"
  | "label"
  | "currency"
  | "count"
  | "amount"
  | "pool"
  | "cap"
  | "codes"
  | "rules"
  | "digitalOnly"
  | "countries"
  | "endsAt"
  | "submit",
  string
>;

/** One of the two program forms (prepaid cards, matching pool); errors come back per field. */
export function ProgramForm({
  kind,
  sponsorId,
  currencies,
  defaultCurrency,
  labels,
}: {
  kind: "cards" | "match";
  sponsorId: string;
  currencies: readonly string[];
  defaultCurrency: string;
  labels: Labels;
}) {
  const [state, action] = useActionState(startProgramAction, null);
  const errors = state?.fieldErrors ?? {};
  const value = (name: string, fallback = "") => state?.values?.[name] ?? fallback;
  const id = (name: string) => `${kind}-${name}`;
  return (
    <form
      action={action}
      className="space-y-4 rounded-lg border border-line bg-white p-5"
      data-testid={`program-form-${kind}`}
      noValidate
    >
      <div>
        <h2 className="font-semibold">{labels.title}</h2>
        <p className="mt-1 text-sm text-muted">{labels.intro}</p>
      </div>
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="sponsorId" value={sponsorId} />
      <Field
        id={id("label")}
        label={labels.label}
        name="label"
        maxLength={120}
        defaultValue={value("label")}
        error={errors.label}
      />
      <div>
        <label htmlFor={id("currency")} className="mb-1 block text-sm font-medium">
          {labels.currency}
        </label>
        <select
          id={id("currency")}
          name="currency"
          defaultValue={value("currency", defaultCurrency)}
          className="block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-sm"
        >
          {currencies.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
        {errors.currency && <p className="mt-1 text-sm text-red-700">{errors.currency}</p>}
      </div>
      {kind === "cards" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            id={id("count")}
            label={labels.count}
            name="count"
            inputMode="numeric"
            defaultValue={value("count")}
            error={errors.count}
          />
          <Field
            id={id("amount")}
            label={labels.amount}
            name="amount"
            inputMode="decimal"
            defaultValue={value("amount")}
            error={errors.amount}
          />
        </div>
      ) : (
        <div className="grid gap-4 sm:grid-cols-3">
          <Field
            id={id("pool")}
            label={labels.pool}
            name="pool"
            inputMode="decimal"
            defaultValue={value("pool")}
            error={errors.pool}
          />
          <Field
            id={id("cap")}
            label={labels.cap}
            name="cap"
            inputMode="decimal"
            defaultValue={value("cap")}
            error={errors.cap}
          />
          <Field
            id={id("codes")}
            label={labels.codes}
            name="codes"
            inputMode="numeric"
            defaultValue={value("codes")}
            error={errors.codes}
          />
        </div>
      )}
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium">{labels.rules}</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="digitalOnly" defaultChecked={value("digitalOnly") === "on"} />
          {labels.digitalOnly}
        </label>
        <Field
          id={id("countries")}
          label={labels.countries}
          name="countries"
          defaultValue={value("countries")}
          error={errors.countries}
        />
        <Field
          id={id("endsAt")}
          label={labels.endsAt}
          name="endsAt"
          type="date"
          defaultValue={value("endsAt")}
          error={errors.endsAt}
        />
      </fieldset>
      {state && (
        <p role="alert" className="text-sm text-red-700">
          {state.error}
        </p>
      )}
      <SubmitButton>{labels.submit}</SubmitButton>
    </form>
  );
}
