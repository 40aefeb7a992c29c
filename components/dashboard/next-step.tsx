import Link from "next/link";

type Step = { label: string; why?: string; action: string; href: string };

/** The getting-started list with its first undone step as a card at the top of the overview. */
export function NextStep({
  step,
  labels,
  others,
  doneLabels,
}: {
  step: Step;
  labels: { next: string; progress: string; others: string };
  others: { label: string; href: string; done: boolean }[];
  doneLabels: { done: string; todo: string };
}) {
  return (
    <section
      className="overflow-hidden rounded-lg border border-ink/20 bg-white shadow-sm"
      aria-labelledby="next-step-title"
      data-testid="next-step"
    >
      <div className="flex flex-col gap-4 bg-amber-50/60 px-6 py-5 sm:flex-row sm:items-center sm:justify-between">
        <div className="min-w-0">
          <p className="text-xs font-semibold uppercase tracking-wide text-amber-900">
            {labels.next} · <span className="font-normal normal-case tracking-normal">{labels.progress}</span>
          </p>
          <h2 id="next-step-title" className="mt-1 text-lg font-semibold">
            {step.label}
          </h2>
          {step.why && <p className="mt-1 max-w-prose text-sm text-muted">{step.why}</p>}
        </div>
        <Link
          href={step.href}
          className="inline-flex shrink-0 items-center justify-center rounded-md bg-ink px-4 py-2 text-sm font-medium text-white hover:bg-stone-700"
          data-testid="next-step-action"
        >
          {step.action} →
        </Link>
      </div>
      <details className="border-t border-line text-sm" data-testid="checklist">
        <summary className="cursor-pointer px-6 py-3 text-muted hover:text-ink">{labels.others}</summary>
        <ul className="divide-y divide-line border-t border-line">
          {others.map((item) => (
            <li key={item.label} className="flex items-center justify-between gap-4 px-6 py-2.5">
              <Link href={item.href} className={item.done ? "text-muted line-through" : "font-medium hover:underline"}>
                {item.label}
              </Link>
              <span
                className={`rounded-full px-2 py-0.5 text-xs ${item.done ? "bg-emerald-50 text-emerald-800" : "bg-stone-100 text-muted"}`}
              >
                {item.done ? doneLabels.done : doneLabels.todo}
              </span>
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
