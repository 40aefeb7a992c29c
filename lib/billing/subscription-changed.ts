import type { Logger } from "pino";
import type { Tx } from "@/db/client";
import type { PlanSubscription } from "@/db/schema";
import { recordAudit, SYSTEM, type Actor } from "@/lib/audit";
import { settle } from "./lifecycle";
import { changesFromState, type ProviderState } from "./standing";

export type SubscriptionState = ProviderState & {
  /** Who asked (a member in the test portal); Stripe's portal does not say, so the system. */
  actor?: Actor;
};

/**
 * customer.subscription.created/updated/deleted (or the test provider's equivalents). An event
 * older than the newest applied one changes nothing, and a canceled subscription stays canceled:
 * Stripe never revives one, so an "active" update arriving after the deletion is stale.
 */
export async function subscriptionChanged(tx: Tx, sub: PlanSubscription, state: SubscriptionState, log: Logger) {
  if (sub.status === "canceled") return sub;
  if (sub.lastEventAt && state.eventAt < sub.lastEventAt) {
    log.info({ subscriptionId: sub.id }, "older subscription event ignored");
    return sub;
  }
  const asked =
    state.status === "canceled" ? !sub.cancelAtPeriodEnd : state.cancelAtPeriodEnd && !sub.cancelAtPeriodEnd;
  const withdrawn = state.status !== "canceled" && !state.cancelAtPeriodEnd && sub.cancelAtPeriodEnd;
  if (asked || withdrawn) {
    await recordAudit(tx, {
      artistId: sub.artistId,
      actor: state.actor ?? SYSTEM,
      action: asked ? "billing.cancel" : "billing.resume",
      target: { type: "plan_subscription", id: sub.id },
      details: { atPeriodEnd: state.status !== "canceled", periodEnd: sub.currentPeriodEnd?.toISOString() ?? null },
    });
  }
  return settle(tx, sub, log, changesFromState(sub, state));
}
