/**
 * How a subscription stands, decided from its invoices rather than from the event at hand, so
 * events in any order end in the same state. Shared by bands' Pro subscriptions and fans'
 * subscriptions to a band (lib/fan-subscriptions).
 */
export type Standing = {
  status: "incomplete" | "active" | "past_due" | "canceled";
  currentPeriodEnd: Date | null;
  pastDueSince: Date | null;
  graceEndsAt: Date | null;
};

const DAY = 86_400_000;

export const later = (a: Date | null, b: Date | null) => (a && b ? (a > b ? a : b) : (a ?? b));

/**
 * Past due while an invoice for a later period than every paid one has failed (the grace period
 * counted from the first failure), active once one is paid, canceled for good.
 */
export function standingAfter<T extends Standing>(
  next: T,
  invoices: { paidEnd: Date | null; failedEnd: Date | null },
  graceDays: number,
  now = new Date(),
): T {
  if (next.status === "canceled") return next;
  const { paidEnd, failedEnd } = invoices;
  const result = { ...next, currentPeriodEnd: later(next.currentPeriodEnd, paidEnd) };
  if (failedEnd && (!paidEnd || failedEnd > paidEnd)) {
    result.status = "past_due";
    result.pastDueSince ??= now;
    result.graceEndsAt = new Date(result.pastDueSince.getTime() + graceDays * DAY);
  } else if (paidEnd || result.status === "active") {
    result.status = "active";
    result.pastDueSince = null;
    result.graceEndsAt = null;
  }
  return result;
}

/** The period after one ending at `from`: a calendar month or year on. */
export function nextPeriodEnd(from: Date, interval: "month" | "year") {
  const end = new Date(from);
  if (interval === "year") end.setUTCFullYear(end.getUTCFullYear() + 1);
  else end.setUTCMonth(end.getUTCMonth() + 1);
  return end;
}

/** Field by field equality, Dates by their time: an event that teaches nothing new writes nothing. */
export const same = (a: unknown, b: unknown) =>
  a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;

/** What a provider says of a subscription (customer.subscription.* or the test provider's equivalents). */
export type ProviderState = {
  status: "active" | "past_due" | "canceled" | "other";
  periodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  eventAt: Date;
};

/**
 * The row's changes for such an event: its end (for good, grace and pending cancellation
 * cleared), or its period and pending cancellation (an incomplete one the provider calls active
 * starts). Its standing is then settled from the invoices.
 */
export function changesFromState(
  sub: { status: Standing["status"]; currentPeriodEnd: Date | null },
  state: ProviderState,
) {
  if (state.status === "canceled") {
    return {
      status: "canceled" as const,
      canceledAt: state.eventAt,
      cancelAtPeriodEnd: false,
      pastDueSince: null,
      graceEndsAt: null,
      lastEventAt: state.eventAt,
    };
  }
  return {
    cancelAtPeriodEnd: state.cancelAtPeriodEnd,
    currentPeriodEnd: later(sub.currentPeriodEnd, state.periodEnd),
    lastEventAt: state.eventAt,
    ...(state.status === "active" && sub.status === "incomplete" && { status: "active" as const }),
  };
}
