import { sitemapUrl } from "./sitemap-xml";

/**
 * robots.txt: the fan pages (home, shops, releases, artwork) are open; the private and
 * transactional pages are not. Rules are prefixes, so each names its folder with a slash (or an
 * exact match with "$"): "Disallow: /library" would also hide a band called "library-tapes".
 * Widgets are noindex too, and /media stays open for image search.
 */
const DISALLOWED = [
  "/api/",
  "/dashboard$",
  "/dashboard/",
  "/onboarding$",
  "/checkout/",
  "/library$",
  "/library/",
  "/download/",
  "/embed/",
  "/dev/",
  "/redeem$",
  "/invite/",
  // A band's cart and code redemption, in every language ("/fr/band/cart" too).
  "/*/cart$",
  "/*/cart/",
  "/*/redeem$",
];

export function robotsTxt(origin: string): string {
  return [
    "User-agent: *",
    "Allow: /",
    ...DISALLOWED.map((path) => `Disallow: ${path}`),
    "",
    `Sitemap: ${sitemapUrl(origin)}`,
    "",
  ].join("\n");
}
