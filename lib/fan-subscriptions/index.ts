/**
 * Fans' subscriptions to a band (issue 19): the band's offer, checkout on the band's connected
 * account (or the offline test provider), the lifecycle both feed, the grant each subscription
 * holds (every release out while it runs), the fan's cancel and resume, the grace period's end.
 */
export { isLiveSubscriber, startFanSubscription, type SubscribeResult } from "./checkout";
export { subscriberFigures, type SubscriberFigures } from "./figures";
export { endLapsedFanSubscriptions } from "./grace";
export { grantReleaseToSubscribers } from "./grants";
export { FAN_GRACE_DAYS } from "./lifecycle";
export { listFanSubscriptions, setFanCancel, type CancelResult, type FanSubscriptionRow } from "./manage";
export {
  DESCRIPTION_MAX,
  getOffer,
  OFFER_LIMITS,
  offeredAmount,
  saveOffer,
  type OfferError,
  type OfferField,
  type OfferInput,
  type OfferResult,
} from "./offer";
export { onFanSubscriptionEvent } from "./stripe-events";
export {
  changeTestFanSubscription,
  failTestFanRenewal,
  payTestFanCheckout,
  renewTestFanSubscription,
  testFanCheckout,
  type TestFanResult,
} from "./test-provider";
