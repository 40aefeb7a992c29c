import type { EmbedKind, EmbedLayout } from "./options";

/**
 * The height, in CSS pixels, of each widget in each layout. Bands paste iframes with these
 * heights; the widget lays itself out to fit exactly (long lists scroll inside), so a plain
 * iframe never jumps. The loader (public/embed.js) may then grow the frame to the content.
 */
export const EMBED_HEIGHTS: Record<EmbedKind, Record<EmbedLayout, { withList: number; withoutList: number }>> = {
  release: {
    large: { withList: 420, withoutList: 208 },
    compact: { withList: 300, withoutList: 152 },
    slim: { withList: 120, withoutList: 120 },
  },
  track: {
    large: { withList: 208, withoutList: 208 },
    compact: { withList: 152, withoutList: 152 },
    slim: { withList: 120, withoutList: 120 },
  },
  buy: {
    large: { withList: 96, withoutList: 96 },
    compact: { withList: 64, withoutList: 64 },
    slim: { withList: 48, withoutList: 48 },
  },
  shop: {
    large: { withList: 640, withoutList: 640 },
    compact: { withList: 480, withoutList: 480 },
    slim: { withList: 360, withoutList: 360 },
  },
};

/** The published height for a widget with these options. */
export function embedHeight(kind: EmbedKind, options: { layout: EmbedLayout; tracklist: boolean }): number {
  const row = EMBED_HEIGHTS[kind][options.layout];
  return options.tracklist ? row.withList : row.withoutList;
}

/** Widgets fill their frame's width; this is what snippets ask for, and the narrowest that stays tidy. */
export const EMBED_WIDTH = { default: "100%", maxPixels: 700, minPixels: 280 } as const;
