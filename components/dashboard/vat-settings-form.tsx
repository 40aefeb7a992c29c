"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState, useTransition, type FormEvent } from "react";
import { Field, TextArea } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";

type State =
  | null
  | { ok: true; message: string }
  | { ok: false; error?: string; fieldErrors?: Partial<Record<"number" | "rate" | "mention", string>> };

/** Not registered (with the mention receipts print) or registered (number and rate on goods). */
export function VatSettingsForm({
  action,
  artistId,
  initial,
}: {
  action: (state: State, form: FormData) => Promise<State>;
  artistId: string;
  initial: { status: "not_registered" | "registered"; mention: string; number: string; rate: string };
}) {
  const t = useTranslations("documents.settings");
  const [state, formAction, pending] = useActionState(action, null);
  const [, startTransition] = useTransition();
  const [status, setStatus] = useState(initial.status);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};

  // Sent by hand, not as a form action: React would reset the fields after each answer, and a
  // refused number must stay on screen to be corrected.
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate data-testid="vat-settings">
      <input type="hidden" name="artistId" value={artistId} />
      <fieldset className="space-y-2">
        <legend className="sr-only">{t("title")}</legend>
        {(["not_registered", "registered"] as const).map((value) => (
          <label key={value} className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="vatStatus"
              value={value}
              checked={status === value}
              onChange={() => setStatus(value)}
            />
            {t(value === "registered" ? "registered" : "notRegistered")}
          </label>
        ))}
      </fieldset>
      {status === "not_registered" ? (
        <TextArea
          label={t("mention")}
          name="vatMention"
          hint={t("mentionHint")}
          defaultValue={initial.mention}
          rows={2}
          maxLength={200}
          error={errors.mention}
        />
      ) : (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            label={t("number")}
            name="vatNumber"
            hint={t("numberHint")}
            defaultValue={initial.number}
            autoComplete="off"
            spellCheck={false}
            error={errors.number}
          />
          <Field
            label={t("rate")}
            name="vatRate"
            hint={t("rateHint")}
            defaultValue={initial.rate}
            inputMode="decimal"
            error={errors.rate}
          />
        </div>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={pending}
          aria-busy={pending || undefined}
          className="inline-flex items-center justify-center rounded-md bg-ink px-4 py-2 text-sm font-medium text-white hover:bg-stone-700 disabled:opacity-60"
        >
          {t("submit")}
        </button>
        <FormStatus state={state} pending={pending} testId="vat-settings-status" />
      </div>
    </form>
  );
}
