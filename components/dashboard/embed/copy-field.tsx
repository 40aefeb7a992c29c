"use client";

import { useState } from "react";

/** A read-only code box with a copy button (selecting the text still works without clipboard access). */
export function CopyField({
  label,
  hint,
  value,
  testId,
  copy,
  copied,
}: {
  label: string;
  hint?: string;
  value: string;
  testId: string;
  copy: string;
  copied: string;
}) {
  const [done, setDone] = useState(false);
  const id = `${testId}-field`;
  return (
    <div className="space-y-1">
      <div className="flex items-end justify-between gap-3">
        <label htmlFor={id} className="text-sm font-semibold">
          {label}
        </label>
        <button
          type="button"
          className="rounded-md border border-stone-300 bg-white px-3 py-1 text-sm font-medium hover:bg-stone-50"
          onClick={async () => {
            await navigator.clipboard?.writeText(value).catch(() => undefined);
            setDone(true);
            setTimeout(() => setDone(false), 1500);
          }}
        >
          <span aria-live="polite">{done ? copied : copy}</span>
        </button>
      </div>
      {hint && <p className="text-xs text-muted">{hint}</p>}
      <textarea
        id={id}
        readOnly
        value={value}
        rows={Math.min(6, value.split("\n").length + 2)}
        onFocus={(e) => e.currentTarget.select()}
        className="block w-full rounded-md border border-stone-300 bg-stone-50 p-2 font-mono text-xs"
        data-testid={testId}
      />
    </div>
  );
}
