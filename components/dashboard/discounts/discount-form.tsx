"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Field, FieldNotes, selectClass } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { SubmitButton } from "@/components/ui/submit-button";
import type { DiscountItemChoice } from "@/lib/discounts/items";

type State =
  | null
  | { ok: true; message: string }
  | { ok: false; error?: string; fieldErrors?: Record<string, string>; values?: Record<string, string> };

export function DiscountForm({
  action,
  artistId,
  currency,
  currencies,
  items,
  initial,
}: {
  action: (state: State, form: FormData) => Promise<State>;
  artistId: string;
  currency: string;
  currencies: readonly string[];
  items: DiscountItemChoice[];
  /** Editing: the code's current values (form field → text) and its id. */
  initial?: { id: string; values: Record<string, string> };
}) {
  const t = useTranslations("discounts");
  const [state, formAction] = useActionState(action, null);
  const [kind, setKind] = useState(initial?.values.kind === "fixed" ? "fixed" : "percent");
  const [scope, setScope] = useState(initial?.values.scope ?? "all");
  const error = (field: string) => (state && !state.ok ? (state.fieldErrors?.[field] ?? null) : null);
  const typed = (field: string) => (state && !state.ok ? state.values?.[field] : initial?.values[field]);
  return (
    <form action={formAction} className="grid gap-4 sm:grid-cols-2" noValidate data-testid="discount-form">
      <input type="hidden" name="artistId" value={artistId} />
      {initial && <input type="hidden" name="id" value={initial.id} />}
      <div className="sm:col-span-2"></div>
      <Field
        label={t("form.code")}
        name="code"
        defaultValue={typed("code")}
        hint={t("form.codeHint")}
        error={error("code")}
        maxLength={40}
        autoCapitalize="characters"
        required
      />
      <fieldset>
        <legend className="mb-1 block text-sm font-medium">{t("form.kind")}</legend>
        <div className="flex gap-4 pt-2 text-sm">
          {(["percent", "fixed"] as const).map((k) => (
            <label key={k} className="flex items-center gap-2">
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              {t(`form.${k}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <Field
        label={t("form.amount")}
        name="amount"
        defaultValue={typed("amount")}
        hint={t("form.amountHint")}
        error={error("amount")}
        inputMode="decimal"
        required
      />
      <div>
        <label htmlFor="currency" className="mb-1 block text-sm font-medium">
          {t("form.currency")}
        </label>
        <select
          id="currency"
          name="currency"
          defaultValue={typed("currency") || currency}
          disabled={kind !== "fixed"}
          className={selectClass}
        >
          {currencies.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
        <FieldNotes errorId="currency-error" error={error("currency")} />
      </div>
      <div>
        <label htmlFor="scope" className="mb-1 block text-sm font-medium">
          {t("form.scope")}
        </label>
        <select
          id="scope"
          name="scope"
          value={scope}
          onChange={(e) => setScope(e.target.value)}
          className={selectClass}
        >
          {(["all", "digital", "physical", "item"] as const).map((s) => (
            <option key={s} value={s}>
              {t(`scopes.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="item" className="mb-1 block text-sm font-medium">
          {t("form.item")}
        </label>
        <select
          id="item"
          name="item"
          defaultValue={typed("item") ?? ""}
          disabled={scope !== "item"}
          className={selectClass}
          aria-invalid={error("item") ? true : undefined}
        >
          <option value="">{t("form.chooseItem")}</option>
          {items.map((item) => (
            <option key={item.value} value={item.value}>
              {item.label}
            </option>
          ))}
        </select>
        <FieldNotes errorId="item-error" error={error("item")} />
      </div>
      <Field
        label={t("form.expiresAt")}
        name="expiresAt"
        defaultValue={typed("expiresAt")}
        type="date"
        error={error("expiresAt")}
      />
      <Field
        label={t("form.usageLimit")}
        name="usageLimit"
        defaultValue={typed("usageLimit")}
        type="number"
        min={1}
        error={error("usageLimit")}
      />
      <label className="flex items-center gap-2 text-sm sm:col-span-2">
        <input
          type="checkbox"
          name="active"
          defaultChecked={typed("active") === undefined || typed("active") === "on"}
          className="h-4 w-4"
        />
        {t("form.active")}
      </label>
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        <SubmitButton>{initial ? t("form.save") : t("form.submit")}</SubmitButton>
        <FormStatus state={state} testId="discount-status" />
      </div>
    </form>
  );
}
