"use client";

import { useRef, type ReactNode } from "react";
import { SubmitButton } from "@/components/ui/submit-button";

/** A destructive action behind a real dialog: the button opens it, the dialog's form does it. */
export function ConfirmDialog({
  trigger,
  message,
  confirmLabel,
  cancelLabel,
  action,
  fields,
}: {
  trigger: ReactNode;
  message: string;
  confirmLabel: string;
  cancelLabel: string;
  action: (form: FormData) => Promise<void>;
  fields: Record<string, string>;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      <button
        type="button"
        onClick={() => dialog.current?.showModal()}
        className="rounded-md border border-red-200 bg-white px-3 py-1.5 text-sm text-red-700 hover:bg-red-50"
      >
        {trigger}
      </button>
      <dialog
        ref={dialog}
        className="m-auto max-w-md rounded-lg border border-line bg-white p-6 text-ink shadow-xl backdrop:bg-black/40"
      >
        <p className="text-sm">{message}</p>
        <form action={action} className="mt-6 flex justify-end gap-3">
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <button
            type="button"
            onClick={() => dialog.current?.close()}
            className="rounded-md border border-stone-300 bg-white px-4 py-2 text-sm font-medium hover:bg-stone-50"
          >
            {cancelLabel}
          </button>
          <SubmitButton variant="danger">{confirmLabel}</SubmitButton>
        </form>
      </dialog>
    </>
  );
}
