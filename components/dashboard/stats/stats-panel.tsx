import type { ReactNode } from "react";

/** A titled card of the overview holding one table, or a line saying the period has nothing. */
export function StatsPanel({
  testId,
  title,
  note,
  empty,
  head,
  children,
}: {
  testId: string;
  title: string;
  note: string;
  /** Shown instead of the table when there are no rows. */
  empty: string | null;
  head: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="rounded-lg border border-line bg-white" data-testid={testId}>
      <header className="border-b border-line px-4 py-3">
        <h2 className="font-semibold">{title}</h2>
        <p className="text-xs text-muted">{note}</p>
      </header>
      {empty !== null ? (
        <p className="px-4 py-6 text-center text-sm text-muted">{empty}</p>
      ) : (
        // Scrolls sideways on a phone: focusable and named, so a keyboard can reach and scroll it.
        <div className="overflow-x-auto rounded-b-lg" tabIndex={0} role="region" aria-label={title}>
          <table className="w-full text-sm">
            <thead className="text-xs text-muted">
              <tr className="border-b border-line">{head}</tr>
            </thead>
            <tbody className="divide-y divide-line">{children}</tbody>
          </table>
        </div>
      )}
    </section>
  );
}
