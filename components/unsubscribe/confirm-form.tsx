"use client";

import { useActionState } from "react";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";

/** What a confirm button's server action answers: null before, ok after, or a refusal. */
export type ConfirmState = { ok: boolean } | null;
export type ConfirmAction = (state: ConfirmState, form: FormData) => Promise<ConfirmState>;

/** One button that confirms what a mailed link asked (leave a list, confirm a follow): the link alone changes nothing. */
export function ConfirmForm({
  action,
  token,
  words,
}: {
  action: ConfirmAction;
  token: string;
  words: { confirm: string; button: string; done: string; invalid: string };
}) {
  const [state, formAction] = useActionState(action, null);
  if (state?.ok) return <Notice tone="success">{words.done}</Notice>;
  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      {state && !state.ok && <Notice tone="error">{words.invalid}</Notice>}
      <p>{words.confirm}</p>
      <SubmitButton>{words.button}</SubmitButton>
    </form>
  );
}
