"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";

type State = null | { ok: true } | { ok: false; error?: string; fix?: { href: string; label: string } };

/** Publish / back to draft, with the reason when publishing is not possible yet. */
export function PublishToggle({
  action,
  releaseId,
  published,
  labels,
}: {
  action: (state: State, form: FormData) => Promise<State>;
  releaseId: string;
  published: boolean;
  labels: { publish: string; unpublish: string };
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-col items-end gap-2">
      <input type="hidden" name="releaseId" value={releaseId} />
      <input type="hidden" name="status" value={published ? "draft" : "published"} />
      <SubmitButton variant={published ? "secondary" : "primary"}>
        {published ? labels.unpublish : labels.publish}
      </SubmitButton>
      {state && !state.ok && state.error && (
        <p role="alert" className="max-w-xs text-right text-sm text-red-700">
          {state.error}
          {state.fix && (
            <>
              {" "}
              <a
                href={state.fix.href}
                data-testid="publish-fix"
                className="font-medium underline underline-offset-2"
                // An in-page fix (#price) gets the focus; the plan page is an ordinary link.
                onClick={() =>
                  state.fix!.href.startsWith("#") && document.querySelector<HTMLElement>(state.fix!.href)?.focus()
                }
              >
                {state.fix.label}
              </a>
            </>
          )}
        </p>
      )}
    </form>
  );
}
