/**
 * Being found and shared: the sitemap, robots.txt, canonical and hreflang links, schema.org
 * JSON-LD and the pictures link previews show.
 */
export { languageAlternates, openGraphLocales, renderLocale } from "./alternates";
export { availability, isoDuration, jsonLdText, releaseJsonLd, shopJsonLd, type PageContext } from "./json-ld";
export { robotsTxt } from "./robots";
export { shareImageUrl, SITE_SHARE_IMAGE } from "./share-image";
export { fileRange, planSitemap, sitemapEntries, type SitemapFile } from "./sitemap";
export { sitemapFileResponse, sitemapResponse, SITEMAP_HEADERS } from "./sitemap-response";
export {
  entriesPerFile,
  escapeXml,
  sitemapIndexXml,
  SITEMAP_MAX_URLS,
  sitemapUrl,
  urlsetXml,
  type SitemapEntry,
} from "./sitemap-xml";
