"use client";

import { useActionState, useId } from "react";
import { control } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

type State = null | { ok: true; message?: string } | { ok: false; error: string };

export type AddToCartProps = {
  action: (state: State, form: FormData) => Promise<State>;
  artistSlug: string;
  kind: "release" | "track" | "product";
  itemId: string;
  currency: string;
  label: string;
  /** Pay what you want: an amount field prefilled with the band's suggestion. */
  amount?: { label: string; hint: string; defaultValue: string };
  options?: { id: string; label: string; disabled: boolean }[];
  optionLabel?: string;
  disabled?: boolean;
  compact?: boolean;
};

/** One button that puts an item in the band's cart; the server re-checks everything it sends. */
export function AddToCartForm(props: AddToCartProps) {
  const [state, formAction] = useActionState(props.action, null);
  const id = useId();
  return (
    <form action={formAction} className={props.compact ? "flex items-center gap-2" : "space-y-3"}>
      <input type="hidden" name="artist" value={props.artistSlug} />
      <input type="hidden" name="kind" value={props.kind} />
      <input type="hidden" name="id" value={props.itemId} />
      <input type="hidden" name="currency" value={props.currency} />
      {props.amount && (
        <div className={props.compact ? "w-24" : ""}>
          <label htmlFor={`${id}-amount`} className={props.compact ? "sr-only" : "mb-1 block text-sm font-medium"}>
            {props.amount.label}
          </label>
          <input
            id={`${id}-amount`}
            name="amount"
            inputMode="decimal"
            defaultValue={props.amount.defaultValue}
            aria-describedby={`${id}-hint`}
            className={`${control} tabular-nums`}
          />
          <p id={`${id}-hint`} className={props.compact ? "sr-only" : "mt-1 text-xs text-muted"}>
            {props.amount.hint}
          </p>
        </div>
      )}
      {props.options && props.options.length > 0 && (
        <div>
          <label htmlFor={`${id}-option`} className="mb-1 block text-sm font-medium">
            {props.optionLabel}
          </label>
          <select id={`${id}-option`} name="optionId" required className={control}>
            {props.options.map((option) => (
              <option key={option.id} value={option.id} disabled={option.disabled}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
      )}
      <SubmitButton
        disabled={props.disabled}
        variant={props.compact ? "secondary" : "primary"}
        className={props.compact ? "px-3 py-1" : "w-full"}
      >
        {props.label}
      </SubmitButton>
      {state && !state.ok && (
        <p role="alert" className="text-sm text-red-700">
          {state.error}
        </p>
      )}
    </form>
  );
}
