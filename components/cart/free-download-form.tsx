"use client";

import { useActionState, useId } from "react";
import { control } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

type State = null | { ok: true; message?: string } | { ok: false; error: string };

export type FreeDownloadProps = {
  action: (state: State, form: FormData) => Promise<State>;
  artistSlug: string;
  kind: "release" | "track";
  itemId: string;
  labels: { email: string; subscribe: string; submit: string; intro?: string };
};

/** Free downloads ask for an email (the link goes there) and, if the fan wants, sign them up for news. */
export function FreeDownloadForm(props: FreeDownloadProps) {
  const [state, formAction] = useActionState(props.action, null);
  const id = useId();
  if (state?.ok) {
    return (
      <p
        role="status"
        className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900"
        data-testid="free-download-sent"
      >
        {state.message}
      </p>
    );
  }
  return (
    <form action={formAction} className="space-y-3" data-testid="free-download-form">
      <input type="hidden" name="artist" value={props.artistSlug} />
      <input type="hidden" name="kind" value={props.kind} />
      <input type="hidden" name="id" value={props.itemId} />
      {props.labels.intro && <p className="text-sm text-muted">{props.labels.intro}</p>}
      <div>
        <label htmlFor={`${id}-email`} className="mb-1 block text-sm font-medium">
          {props.labels.email}
        </label>
        <input
          id={`${id}-email`}
          name="email"
          type="email"
          required
          autoComplete="email"
          aria-invalid={state && !state.ok ? true : undefined}
          className={control}
        />
      </div>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="subscribe" className="mt-0.5" />
        <span>{props.labels.subscribe}</span>
      </label>
      <SubmitButton variant="secondary" className="w-full">
        {props.labels.submit}
      </SubmitButton>
      {state && !state.ok && (
        <p role="alert" className="text-sm text-red-700">
          {state.error}
        </p>
      )}
    </form>
  );
}
