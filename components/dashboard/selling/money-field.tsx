import type { InputHTMLAttributes } from "react";
import { FieldNotes, selectClass } from "@/components/ui/field";

/**
 * An amount as a person types it ("7", "7.50", "7,50"), with its currency beside it. Parsing and
 * limits happen on the server (lib/money parseMoneyInput).
 */
export function MoneyField({
  label,
  name,
  currency,
  hint,
  error,
  className,
  ...input
}: { label: string; name: string; currency: string; hint?: string; error?: string | null } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  "name"
>) {
  const id = input.id ?? name;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        {label}
        <span className="sr-only"> ({currency})</span>
      </label>
      <div className="relative">
        <input
          id={id}
          name={name}
          inputMode="decimal"
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
          className={`${selectClass} pr-14 tabular-nums`}
          {...input}
        />
        <span
          aria-hidden
          className="pointer-events-none absolute inset-y-0 right-3 flex items-center text-xs font-medium text-muted"
        >
          {currency}
        </span>
      </div>
      <FieldNotes hintId={hintId} hint={hint} errorId={errorId} error={error} />
    </div>
  );
}
