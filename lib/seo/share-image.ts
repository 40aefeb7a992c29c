/**
 * Pictures for link previews (Open Graph, Twitter cards) and JSON-LD: the JPEG copy of a stored
 * WebP rendition (app/media makes it on first request), since some sites refuse WebP there.
 */
export function shareImageUrl(key: string | null, suffix: string): string | null {
  return key ? `/media/${key}-${suffix}.jpg` : null;
}

/** The site's own picture (public/), for the home page and pages with no artwork. */
export const SITE_SHARE_IMAGE = { url: "/og-image.jpg", width: 1200, height: 630 } as const;
