import type { ReactNode } from "react";

/** A dashboard list: a bordered, horizontally scrollable table, or a dashed box saying it is empty. */
export function ListTable({
  testId,
  empty,
  head,
  children,
  label,
}: {
  testId: string;
  /**
   * A table of figures only (no link or button inside) names its scrolling box and makes it
   * focusable, so a keyboard can scroll it on a phone.
   */
  label?: string;
  /** Shown instead of the table when there are no rows. */
  empty?: string | null;
  head: ReactNode;
  children: ReactNode;
}) {
  if (empty)
    return (
      <p className="rounded-lg border border-dashed border-stone-300 bg-white px-6 py-10 text-center text-sm text-muted">
        {empty}
      </p>
    );
  return (
    <div
      className="overflow-x-auto rounded-lg border border-line bg-white"
      {...(label ? { tabIndex: 0, role: "region", "aria-label": label } : {})}
    >
      <table className="w-full text-left text-sm" data-testid={testId}>
        <thead className="border-b border-line text-xs text-muted">
          <tr>{head}</tr>
        </thead>
        <tbody className="divide-y divide-line">{children}</tbody>
      </table>
    </div>
  );
}
