"use client";

import { useActionState } from "react";
import type { CartActionState } from "./actions";

/** Apply a code, or show the one applied with a way to take it off. */
export function DiscountCodeForm({
  apply,
  remove,
  artistSlug,
  applied,
  labels,
}: {
  apply: (state: CartActionState, form: FormData) => Promise<CartActionState>;
  remove: (form: FormData) => Promise<void>;
  artistSlug: string;
  applied: string | null;
  labels: { label: string; apply: string; remove: string };
}) {
  const [state, formAction, pending] = useActionState(apply, null);
  if (applied) {
    return (
      <form action={remove} className="flex items-center justify-between gap-2 text-sm" data-testid="discount-applied">
        <input type="hidden" name="artist" value={artistSlug} />
        <span>
          {labels.label}: <span className="font-mono font-medium">{applied}</span>
        </span>
        <button type="submit" className="text-muted underline underline-offset-2 hover:text-ink">
          {labels.remove}
        </button>
      </form>
    );
  }
  return (
    <form action={formAction} className="space-y-1" data-testid="discount-form">
      <input type="hidden" name="artist" value={artistSlug} />
      <label htmlFor="discount-code" className="block text-sm font-medium">
        {labels.label}
      </label>
      <div className="flex gap-2">
        <input
          id="discount-code"
          name="code"
          maxLength={60}
          autoCapitalize="characters"
          spellCheck={false}
          aria-invalid={state && !state.ok ? true : undefined}
          aria-describedby={state && !state.ok ? "discount-code-error" : undefined}
          className="block w-full min-w-0 rounded-md border border-stone-300 bg-white px-3 py-2 font-mono text-sm uppercase shadow-xs focus:border-ink focus:outline-none"
        />
        <button
          type="submit"
          disabled={pending}
          className="rounded-md border border-stone-300 bg-white px-3 py-2 text-sm font-medium hover:bg-stone-50 disabled:opacity-60"
        >
          {labels.apply}
        </button>
      </div>
      {state && !state.ok && (
        <p id="discount-code-error" role="alert" className="text-sm text-red-700" data-testid="discount-error">
          {state.error}
        </p>
      )}
    </form>
  );
}
