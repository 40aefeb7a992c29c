export { listSubscribers, countSubscribed, allSubscribers, lookUpUnsubscribe, unsubscribeWithToken, FANS_PAGE_SIZE, type UnsubscribeLookup } from "./subscribers";
export { unsubscribeToken, readUnsubscribeToken, unsubscribeUrl } from "./unsubscribe-link";
export { exportSubscribersCsv } from "./export";
