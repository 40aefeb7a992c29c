"use client";

import { useActionState } from "react";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import type { UnsubscribeState } from "./actions";

export function UnsubscribeForm({
  action,
  token,
  words,
}: {
  action: (state: UnsubscribeState, form: FormData) => Promise<UnsubscribeState>;
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
