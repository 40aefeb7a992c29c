import type { InputHTMLAttributes, ReactNode, Ref, TextareaHTMLAttributes } from "react";

type Common = { label: string; name: string; hint?: ReactNode; error?: string | null };

/** The look of every text input and select, for forms that do not use Field. */
export const control =
  "block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-sm shadow-xs placeholder:text-stone-400 focus:border-ink focus:outline-none aria-[invalid=true]:border-red-600";

export function Field({
  label,
  name,
  hint,
  error,
  className,
  ref,
  ...input
}: Common & InputHTMLAttributes<HTMLInputElement> & { ref?: Ref<HTMLInputElement> }) {
  const hintId = hint ? `${name}-hint` : undefined;
  const errorId = error ? `${name}-error` : undefined;
  return (
    <div className={className}>
      <label htmlFor={input.id ?? name} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      <input
        ref={ref}
        id={input.id ?? name}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        className={
          input.type === "file"
            ? "block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-stone-100 file:px-3 file:py-2 file:text-sm file:font-medium hover:file:bg-stone-200"
            : control
        }
        {...input}
      />
      <FieldNotes hintId={hintId} hint={hint} errorId={errorId} error={error} />
    </div>
  );
}

export function TextArea({
  label,
  name,
  hint,
  error,
  className,
  ...input
}: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const hintId = hint ? `${name}-hint` : undefined;
  const errorId = error ? `${name}-error` : undefined;
  return (
    <div className={className}>
      <label htmlFor={input.id ?? name} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      <textarea
        id={input.id ?? name}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        className={control}
        {...input}
      />
      <FieldNotes hintId={hintId} hint={hint} errorId={errorId} error={error} />
    </div>
  );
}

export function FieldNotes({
  hintId,
  hint,
  errorId,
  error,
}: {
  hintId?: string;
  hint?: ReactNode;
  errorId?: string;
  error?: string | null;
}) {
  return (
    <>
      {hint && (
        <p id={hintId} className="mt-1 text-xs text-muted">
          {hint}
        </p>
      )}
      {error && (
        <p
          id={errorId}
          role="alert"
          className="mt-1 text-sm text-red-700"
          data-testid={`error-${errorId?.replace(/-error$/, "")}`}
        >
          {error}
        </p>
      )}
    </>
  );
}

export const selectClass = control;
