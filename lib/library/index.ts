/** A fan's library: every download they hold, reached through an emailed link, no account needed. */
export { verifiedAccountEmail } from "./account";
export { findLibraryGrant, listLibrary, type LibraryEntry, type LibraryItem } from "./grants";
export {
  libraryLinkLimits,
  libraryLinkState,
  libraryLinkUrl,
  libraryUrl,
  redeemLibraryLink,
  requestLibraryLink,
  safeLibraryNext,
  type LinkRedemption,
  type LinkRequest,
  type LinkState,
} from "./links";
export { LIBRARY_COOKIE, LIBRARY_SESSION_SECONDS, readLibrarySession, sealLibrarySession } from "./session";
