"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

type State = null | { ok: false; error: string; fieldErrors?: Record<string, string> };

type Props = {
  action: (state: State, form: FormData) => Promise<State>;
  session: string;
  /** Physical items: the address form, in the country the shipping was priced for. */
  address: null | {
    countryName: string;
    labels: Record<"title" | "name" | "line1" | "line2" | "postalCode" | "city" | "state" | "country", string>;
  };
  payLabel: string;
};

/** The test provider's Pay button, with the shipping address a real payment page would collect. */
export function TestPayForm({ action, session, address, payLabel }: Props) {
  const [state, formAction] = useActionState(action, null);
  const errors = state?.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-5" data-testid="test-pay-form" noValidate>
      <input type="hidden" name="session" value={session} />
      {address && (
        <fieldset className="space-y-3">
          <legend className="mb-2 font-semibold">{address.labels.title}</legend>
          <Field label={address.labels.name} name="name" autoComplete="name" required error={errors.name} />
          <Field label={address.labels.line1} name="line1" autoComplete="address-line1" required error={errors.line1} />
          <Field label={address.labels.line2} name="line2" autoComplete="address-line2" />
          <div className="grid grid-cols-[8rem_1fr] gap-3">
            <Field
              label={address.labels.postalCode}
              name="postalCode"
              autoComplete="postal-code"
              required
              error={errors.postalCode}
            />
            <Field label={address.labels.city} name="city" autoComplete="address-level2" required error={errors.city} />
          </div>
          <Field label={address.labels.state} name="state" autoComplete="address-level1" />
          <p className="text-sm text-muted">{address.labels.country}</p>
        </fieldset>
      )}
      {state && (
        <p role="alert" className="text-sm text-red-700">
          {state.error}
        </p>
      )}
      <SubmitButton className="w-full py-3 text-base">{payLabel}</SubmitButton>
    </form>
  );
}
