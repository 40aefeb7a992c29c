export {
  listSubscribers,
  countSubscribed,
  allSubscribers,
  liveSubscriberForOrder,
  lookUpUnsubscribe,
  unsubscribeWithToken,
  FANS_PAGE_SIZE,
  type UnsubscribeLookup,
} from "./subscribers";
export { oneClickUnsubscribePath, unsubscribeToken, readUnsubscribeToken, unsubscribeUrl } from "./unsubscribe-link";
export { exportSubscribersCsv } from "./export";
