/**
 * Sizes shared by the browser, next.config.ts and the server, so an oversized picture gets the
 * same message wherever it is caught. No imports: next.config.ts and client components load this.
 */
export const MB = 1024 * 1024;
export const DEFAULT_MAX_IMAGE_MB = 10;
/** The most pictures one form posts (a product's photos: lib/merch MAX_PHOTOS). */
export const MOST_IMAGES_PER_FORM = 4;
/** Square artwork at least this wide looks sharp on big screens (what stores ask for). */
export const RECOMMENDED_ARTWORK_PX = 1400;

/** MAX_IMAGE_MB as lib/env.ts reads it, for next.config.ts, which runs before it. */
export function maxImageMbFrom(value: string | undefined): number {
  const mb = Number(value);
  return value && Number.isFinite(mb) && mb > 0 ? mb : DEFAULT_MAX_IMAGE_MB;
}

/**
 * The largest form post accepted (Next's proxy and server-action body limits): every picture of
 * the fullest form at the limit, plus one more, so that a single file over the limit still
 * reaches the action and gets its clear message; and 1 MB for the text fields.
 */
export function formBodyLimitBytes(maxImageMb: number): number {
  return Math.ceil((MOST_IMAGES_PER_FORM + 1) * maxImageMb * MB + MB);
}

/** Megabytes as the messages show them ("This image is 11 MB"). */
export const sizeMb = (bytes: number) => Math.ceil(bytes / MB);

export const isSmallArtwork = (size: { width: number; height: number }) =>
  Math.min(size.width, size.height) < RECOMMENDED_ARTWORK_PX;
