"use client";

import { useActionState } from "react";
import { control } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

type State = null | { ok: true; message?: string } | { ok: false; error: string };

type Props = {
  action: (state: State, form: FormData) => Promise<State>;
  artistSlug: string;
  disabled: boolean;
  /** The signed-in fan's address (library session), filled in for them. */
  defaultEmail?: string;
  labels: { email: string; emailHint: string; subscribe: string; submit: string };
};

/** Guest checkout: an email for the receipt and links, optional news from the band, then pay. */
export function CheckoutForm({ action, artistSlug, disabled, defaultEmail, labels }: Props) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-4" data-testid="checkout-form">
      <input type="hidden" name="artist" value={artistSlug} />
      <div>
        <label htmlFor="checkout-email" className="mb-1 block text-sm font-medium">
          {labels.email}
        </label>
        <input
          id="checkout-email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={defaultEmail}
          aria-describedby="checkout-email-hint"
          className={control}
        />
        <p id="checkout-email-hint" className="mt-1 text-xs text-muted">
          {labels.emailHint}
        </p>
      </div>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="subscribe" className="mt-0.5" />
        <span>{labels.subscribe}</span>
      </label>
      <SubmitButton className="w-full py-3 text-base" disabled={disabled}>
        {labels.submit}
      </SubmitButton>
      {state && !state.ok && (
        <p role="alert" className="text-sm text-red-700" data-testid="checkout-error">
          {state.error}
        </p>
      )}
    </form>
  );
}
