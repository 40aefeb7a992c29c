/** Widgets for the band's own website: framable HTML pages, their options and sizes, oEmbed. */
export { renderWidget, widgetHeaders } from "./respond";
export { PLAYER_SCRIPT, PLAYER_SCRIPT_PATH } from "./player-script";
export {
  parseEmbedOptions,
  parseHexColor,
  optionsQuery,
  DEFAULT_OPTIONS,
  THEMES,
  LAYOUTS,
  ARTWORK,
  type EmbedKind,
  type EmbedOptions,
  type EmbedLayout,
} from "./options";
export { EMBED_HEIGHTS, EMBED_WIDTH, embedHeight } from "./sizes";
export { normalizeEmbedHost } from "./host";
export { escapeHtml } from "./html";
export { oembed, type OembedResult } from "./oembed";
export {
  iframeSnippet,
  loaderSnippet,
  oembedDiscoveryUrl,
  publishedSnippet,
  widgetUrl,
  type Snippet,
} from "./snippets";
