import { DEFAULT_LOCALE, localeAlternates, LOCALES } from "@/lib/i18n";

/**
 * The sitemap protocol (sitemaps.org) with Google's hreflang extension: every language's URL of
 * a page is its own <url>, and each carries the same set of alternates plus x-default (English).
 * Pure text building, so the splitting and escaping are tested without a database.
 */

/** The protocol's limit per file; a file past it is refused by search engines. */
export const SITEMAP_MAX_URLS = 50_000;

/** One page of the site (a shop or a release), named by its path in the default language. */
export type SitemapEntry = { path: string; lastmod: Date };

/** Each entry is written once per language: this many entries fill a file of `maxUrls` URLs. */
export function entriesPerFile(maxUrls: number = SITEMAP_MAX_URLS): number {
  return Math.max(1, Math.floor(maxUrls / LOCALES.length));
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "apos" }[c]};`);
}

/** W3C datetime, to the second (sitemaps accept no more precision than that usefully). */
export const w3cDate = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, "Z");

export const URLSET_OPEN =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n';
export const URLSET_CLOSE = "</urlset>\n";

/** The <url> elements of one page: one per language, each listing every language and x-default. */
export function urlElements(entry: SitemapEntry, origin: string): string {
  const alternates = localeAlternates(entry.path);
  const href = (path: string) => escapeXml(new URL(path, origin).href);
  const links = [
    ...LOCALES.map((locale) => [locale, alternates[locale]] as const),
    ["x-default", alternates[DEFAULT_LOCALE]] as const,
  ]
    .map(([lang, path]) => `    <xhtml:link rel="alternate" hreflang="${lang}" href="${href(path)}"/>\n`)
    .join("");
  const lastmod = w3cDate(entry.lastmod);
  return LOCALES.map(
    (locale) =>
      `  <url>\n    <loc>${href(alternates[locale])}</loc>\n    <lastmod>${lastmod}</lastmod>\n${links}  </url>\n`,
  ).join("");
}

/** A whole urlset in one string (tests and small sites; the routes stream the same pieces). */
export function urlsetXml(entries: SitemapEntry[], origin: string): string {
  return URLSET_OPEN + entries.map((entry) => urlElements(entry, origin)).join("") + URLSET_CLOSE;
}

/** The index of the split files `/sitemap/<n>.xml`, n from 1, each with its newest change. */
export function sitemapIndexXml(files: { lastmod: Date }[], origin: string): string {
  const items = files
    .map(
      (file, i) =>
        `  <sitemap>\n    <loc>${escapeXml(new URL(sitemapFilePath(i + 1), origin).href)}</loc>\n` +
        `    <lastmod>${w3cDate(file.lastmod)}</lastmod>\n  </sitemap>\n`,
    )
    .join("");
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${items}</sitemapindex>\n`
  );
}

export const sitemapFilePath = (n: number) => `/sitemap/${n}.xml`;

export const sitemapUrl = (origin: string) => new URL("/sitemap.xml", origin).href;
