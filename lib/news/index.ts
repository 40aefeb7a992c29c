export {
  blocksToText,
  isOwnPostImage,
  parsePostBody,
  safeLinkUrl,
  teaserOf,
  type Block,
  type Inline,
  type MarkupProblem,
} from "./markup";
export {
  BODY_MAX,
  TITLE_MAX,
  attachableReleases,
  attachedRelease,
  createPost,
  getPostForBand,
  getPublishedPost,
  listPostsForBand,
  listPublishedPosts,
  publishPost,
  updatePost,
  type PostFieldErrors,
  type PublishResult,
  type SavePostResult,
} from "./posts";
export { planDeliveries } from "./recipients";
export {
  BATCH_SIZE,
  STALE_SENDING_MS,
  recoverStaleDeliveries,
  resumeNewsMailings,
  sendPostMailing,
  type Deliver,
  type MailingRun,
} from "./mailing";
export { buildPostEmail, loadPostMail, postUrl, type PostMail } from "./message";
export { mailingCounts, NO_MAILING, type MailingCounts } from "./stats";
export { storePostImage, type PostImageResult } from "./images";
export { sendTestPost, TEST_SEND_LIMIT, type TestSendResult } from "./test-send";
export { lookUpNewsUnsubscribe, unsubscribeFromNews, type NewsUnsubscribeLookup } from "./unsubscribe";
export {
  newsOneClickPath,
  newsUnsubscribeToken,
  newsUnsubscribeUrl,
  readNewsUnsubscribeToken,
} from "./unsubscribe-link";
