/** Fans following bands: double opt-in follows, unsubscribes, and the daily new-release digest. */
export * from "./unsubscribe-link";
export {
  confirmFollow,
  FOLLOW_SOURCES,
  followAsFan,
  followLimits,
  followSource,
  followWithEmail,
  lookUpConfirmation,
  unfollow,
  type Confirmation,
  type FollowRequest,
  type FollowSource,
} from "./follow";
export { CONFIRM_TTL_DAYS, digestDedupeKey, followConfirmUrl } from "./mail";
export { sendDigest, sendFollowDigests } from "./digest";
export { FOLLOWERS_SHOWN, followerRecipients, followState, listFollowers, listFollowing, mailOff } from "./queries";
export {
  lookUpFollowUnsubscribe,
  turnMailBackOn,
  unsubscribeFollowWithToken,
  type FollowUnsubscribe,
} from "./unsubscribe";
