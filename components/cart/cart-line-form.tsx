"use client";

import { useActionState, useId } from "react";

type State = null | { ok: true; message?: string } | { ok: false; error: string };

type Props = {
  action: (state: State, form: FormData) => Promise<State>;
  artistSlug: string;
  itemId: string;
  currency: string;
  /** Physical items: how many (1–max). */
  quantity?: { value: number; max: number; label: string };
  /** Pay what you want: the fan's amount. */
  amount?: { value: string; label: string };
  labels: { update: string; remove: string; removeItem: string };
};

/** Change a cart line's quantity or amount, or remove it; the server re-prices the whole cart. */
export function CartLineForm(props: Props) {
  const [state, formAction] = useActionState(props.action, null);
  const id = useId();
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-2" data-testid="cart-line-form">
      <input type="hidden" name="artist" value={props.artistSlug} />
      <input type="hidden" name="itemId" value={props.itemId} />
      <input type="hidden" name="currency" value={props.currency} />
      {props.quantity && (
        <div>
          <label htmlFor={`${id}-qty`} className="sr-only">
            {props.quantity.label}
          </label>
          <input
            id={`${id}-qty`}
            name="quantity"
            type="number"
            min={1}
            max={props.quantity.max}
            defaultValue={props.quantity.value}
            className="w-16 rounded-md border border-stone-300 bg-white px-2 py-1.5 text-sm tabular-nums focus:border-ink focus:outline-none"
          />
        </div>
      )}
      {props.amount && (
        <div>
          <label htmlFor={`${id}-amount`} className="sr-only">
            {props.amount.label}
          </label>
          <input
            id={`${id}-amount`}
            name="amount"
            inputMode="decimal"
            defaultValue={props.amount.value}
            className="w-24 rounded-md border border-stone-300 bg-white px-2 py-1.5 text-sm tabular-nums focus:border-ink focus:outline-none"
          />
        </div>
      )}
      {(props.quantity || props.amount) && (
        <button
          type="submit"
          className="rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm hover:bg-stone-50"
        >
          {props.labels.update}
        </button>
      )}
      <button
        type="submit"
        name="remove"
        value="1"
        aria-label={props.labels.removeItem}
        className="px-2 py-1.5 text-sm text-muted underline underline-offset-2 hover:text-red-700"
      >
        {props.labels.remove}
      </button>
      {state && !state.ok && (
        <p role="alert" className="basis-full text-sm text-red-700">
          {state.error}
        </p>
      )}
    </form>
  );
}
