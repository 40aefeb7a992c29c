"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";

type State = null | { ok: true } | { ok: false; error?: string; fix?: { href: string; label: string } };

/** Whether a published release shows on the shop; listing is refused past a Free plan's limit, with the upgrade link. */
export function ListingToggle({
  action,
  releaseId,
  listed,
  labels,
}: {
  action: (state: State, form: FormData) => Promise<State>;
  releaseId: string;
  listed: boolean;
  labels: { list: string; unlist: string; listed: string; unlisted: string; unlistedHelp: string };
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-col items-end gap-1" data-testid="listing-toggle">
      <input type="hidden" name="releaseId" value={releaseId} />
      <input type="hidden" name="listed" value={listed ? "false" : "true"} />
      <p className="text-sm text-muted" data-testid="listing-status">
        {listed ? labels.listed : labels.unlisted}
      </p>
      {!listed && <p className="max-w-xs text-right text-xs text-muted">{labels.unlistedHelp}</p>}
      <SubmitButton variant="secondary">{listed ? labels.unlist : labels.list}</SubmitButton>
      {state && !state.ok && state.error && (
        <p role="alert" className="max-w-xs text-right text-sm text-red-700">
          {state.error}
          {state.fix && (
            <>
              {" "}
              <a href={state.fix.href} data-testid="listing-fix" className="font-medium underline underline-offset-2">
                {state.fix.label}
              </a>
            </>
          )}
        </p>
      )}
    </form>
  );
}
