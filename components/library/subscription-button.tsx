"use client";

import { useActionState } from "react";
import type { SubscriptionFormState } from "@/app/(shop)/library/subscription-actions";
import { FormStatus } from "@/components/ui/form-status";
import { SubmitButton } from "@/components/ui/submit-button";

/** Cancel or resume one subscription; the outcome is said beside the button. */
export function SubscriptionButton({
  action,
  subscriptionId,
  cancel,
  label,
}: {
  action: (state: SubscriptionFormState, form: FormData) => Promise<SubscriptionFormState>;
  subscriptionId: string;
  cancel: boolean;
  label: string;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="subscriptionId" value={subscriptionId} />
      <input type="hidden" name="cancel" value={cancel ? "1" : "0"} />
      <SubmitButton variant="secondary">{label}</SubmitButton>
      <FormStatus state={state} testId="subscription-status" />
    </form>
  );
}
