/**
 * Bands' Pro subscriptions: checkout and portal (Stripe Billing or the offline test provider),
 * the lifecycle events both feed, and the grace period's chores. The band's plan itself changes
 * only through lib/plans' setArtistPlan.
 */
export { liveSubscription, openBillingPortal, startUpgrade, type PortalResult, type UpgradeResult } from "./checkout";
export { endLapsedGrace, remindGraceEnding } from "./grace";
export { GRACE_DAYS } from "./lifecycle";
export { billingOverview, type BillingOverview } from "./overview";
export { onPlanCheckoutCompleted } from "./stripe-events/checkout-completed";
export { onInvoicePaid, onInvoicePaymentFailed } from "./stripe-events/invoice";
export { onSubscriptionChanged } from "./stripe-events/subscription-changed";
export {
  cancelTestSubscription,
  failTestRenewal,
  payTestCheckout,
  renewTestSubscription,
  skipTestGrace,
  testCheckoutSubscription,
  type TestBillingResult,
} from "./test-billing";
// Shared with fans' subscriptions to a band (lib/fan-subscriptions): the same rules, other tables.
export { changesFromState, nextPeriodEnd, same, standingAfter, type ProviderState, type Standing } from "./standing";
export { at, customerOf, invoiceFacts, periodEndOf, standingOf } from "./stripe-events/objects";
