"use client";

export function PrintButton({ label }: { label: string }) {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="rounded-md bg-ink px-4 py-2 text-sm font-medium text-white hover:bg-stone-700"
    >
      {label}
    </button>
  );
}
