"use client";

import { useActionState } from "react";

type State = null | { ok: false; error: string };
type Action = (state: State, form: FormData) => Promise<State>;

/** Turn on/off and delete, each its own small form; an error (the code vanished meanwhile) shows in the row. */
export function DiscountRowActions({
  artistId,
  id,
  active,
  toggle,
  remove,
  labels,
}: {
  artistId: string;
  id: string;
  active: boolean;
  toggle: Action;
  remove: Action;
  labels: { activate: string; deactivate: string; delete: string; deleteCode: string };
}) {
  const [toggled, toggleAction] = useActionState(toggle, null);
  const [removed, removeAction] = useActionState(remove, null);
  const error = toggled?.error ?? removed?.error;
  return (
    <div className="flex items-center justify-end gap-3">
      {error && (
        <span role="alert" className="text-red-700">
          {error}
        </span>
      )}
      <form action={toggleAction}>
        <input type="hidden" name="artistId" value={artistId} />
        <input type="hidden" name="id" value={id} />
        <input type="hidden" name="active" value={String(!active)} />
        <button type="submit" className="underline underline-offset-2" data-testid="discount-toggle">
          {active ? labels.deactivate : labels.activate}
        </button>
      </form>
      <form action={removeAction}>
        <input type="hidden" name="artistId" value={artistId} />
        <input type="hidden" name="id" value={id} />
        <button type="submit" className="text-red-700 underline underline-offset-2" aria-label={labels.deleteCode}>
          {labels.delete}
        </button>
      </form>
    </div>
  );
}
