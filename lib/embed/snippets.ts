import { escapeHtml } from "./html";
import { optionsQuery, type EmbedKind, type EmbedOptions } from "./options";
import { embedHeight } from "./sizes";

/** Absolute widget URL with only the options that differ from the defaults. */
export function widgetUrl(appUrl: string, kind: EmbedKind, id: string, options: Partial<EmbedOptions> = {}): string {
  return new URL(`/embed/${kind}/${encodeURIComponent(id)}${optionsQuery(options)}`, appUrl).href;
}

export type Snippet = { src: string; height: number; title: string; width?: number };

/** The plain iframe: works on any site, fixed at the published height. */
export function iframeSnippet({ src, height, title, width }: Snippet): string {
  const w = width ? ` width="${width}"` : "";
  const max = width ? `max-width:${width}px;` : "";
  return `<iframe src="${escapeHtml(src)}"${w} height="${height}" style="display:block;width:100%;${max}height:${height}px;border:0" title="${escapeHtml(title)}" loading="lazy" data-merchtable></iframe>`;
}

/** The iframe plus the loader, which fits the frame to its content; or a click-to-load placeholder. */
export function loaderSnippet(
  appUrl: string,
  snippet: Snippet,
  options: { clickToLoad: boolean; fallbackHref: string },
): string {
  const script = `<script src="${escapeHtml(new URL("/embed.js", appUrl).href)}" async></script>`;
  if (!options.clickToLoad) return `${iframeSnippet(snippet)}\n${script}`;
  return `<div data-merchtable-src="${escapeHtml(snippet.src)}" data-height="${snippet.height}" data-title="${escapeHtml(snippet.title)}"><a href="${escapeHtml(options.fallbackHref)}">${escapeHtml(snippet.title)}</a></div>\n${script}`;
}

export function publishedSnippet(
  appUrl: string,
  kind: EmbedKind,
  id: string,
  options: Partial<EmbedOptions> & Pick<EmbedOptions, "layout" | "tracklist">,
  title: string,
): Snippet {
  return { src: widgetUrl(appUrl, kind, id, options), height: embedHeight(kind, options), title };
}

/** The `<link rel="alternate" type="application/json+oembed">` href for one of our pages. */
export function oembedDiscoveryUrl(appUrl: string, pagePath: string): string {
  const page = new URL(pagePath, appUrl).href;
  return new URL(`/api/oembed?format=json&url=${encodeURIComponent(page)}`, appUrl).href;
}
