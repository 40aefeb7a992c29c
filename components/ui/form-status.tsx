"use client";

import { useFormStatus } from "react-dom";

/**
 * What the last press of a form's button gave, shown beside that button: "Saved." or the
 * error. It disappears as soon as the form is sent again, so a stale message never lingers
 * next to a new attempt.
 */
export function FormStatus({
  state,
  testId,
  pending,
}: {
  state: null | { ok: boolean; message?: string; error?: string };
  testId?: string;
  pending?: boolean;
}) {
  // Forms sent with startTransition (not a form action) pass their own pending flag.
  const status = useFormStatus();
  if ((pending ?? status.pending) || !state) return null;
  const text = state.ok ? state.message : state.error;
  if (!text) return null;
  return (
    <p
      role={state.ok ? "status" : "alert"}
      data-testid={testId}
      className={`text-sm ${state.ok ? "text-emerald-800" : "text-red-700"}`}
    >
      {text}
    </p>
  );
}
