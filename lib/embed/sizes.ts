import type { EmbedKind, EmbedLayout, EmbedOptions } from "./options";

/**
 * The player's vertical pieces, in CSS pixels. The widget's CSS (render/styles.ts) is written
 * from these same numbers (fixed line heights, a fixed header and row), so the height a snippet
 * asks for is the height the player really takes in a browser, at any width: no white block
 * under a short track list, nothing clipped.
 */
export const PLAYER_BOX = {
  /** The widget's 1px border, top and bottom. */
  border: 2,
  /** Artwork 160 + padding 12 × 2 (large layout, large artwork). */
  headerTall: 184,
  /** Every other header: its text column (name 18, gap 6, title 22, gap 6, play 44, gap 6, buy 34) + padding. */
  headerShort: 160,
  /** The line above the track list. */
  listBorder: 1,
  /** One track row: 7 + 20 + 7 and its bottom line. */
  row: 35,
  slim: 120,
} as const;

/**
 * The height of each widget in each layout. For players with a track list it is the most the
 * frame may take (longer lists scroll inside); with the track count known, the exact height.
 */
export const EMBED_HEIGHTS: Record<EmbedKind, Record<EmbedLayout, { withList: number; withoutList: number }>> = {
  release: {
    large: { withList: 420, withoutList: PLAYER_BOX.border + PLAYER_BOX.headerTall },
    compact: { withList: 300, withoutList: PLAYER_BOX.border + PLAYER_BOX.headerShort },
    slim: { withList: PLAYER_BOX.slim, withoutList: PLAYER_BOX.slim },
  },
  track: {
    large: {
      withList: PLAYER_BOX.border + PLAYER_BOX.headerTall,
      withoutList: PLAYER_BOX.border + PLAYER_BOX.headerTall,
    },
    compact: {
      withList: PLAYER_BOX.border + PLAYER_BOX.headerShort,
      withoutList: PLAYER_BOX.border + PLAYER_BOX.headerShort,
    },
    slim: { withList: PLAYER_BOX.slim, withoutList: PLAYER_BOX.slim },
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

type SizeOptions = Pick<EmbedOptions, "layout" | "tracklist"> & Partial<Pick<EmbedOptions, "artwork">>;

/**
 * The published height for a widget with these options. Players: the large header is tall only
 * with large artwork; with `trackCount`, a release's list is as long as its tracks (up to the
 * layout's most).
 */
export function embedHeight(kind: EmbedKind, options: SizeOptions, trackCount?: number): number {
  const row = EMBED_HEIGHTS[kind][options.layout];
  if ((kind !== "release" && kind !== "track") || options.layout === "slim")
    return options.tracklist ? row.withList : row.withoutList;
  const tall = options.layout === "large" && (options.artwork ?? "large") === "large";
  const head = PLAYER_BOX.border + (tall ? PLAYER_BOX.headerTall : PLAYER_BOX.headerShort);
  if (kind === "track" || !options.tracklist || trackCount === 0) return head;
  if (trackCount === undefined) return row.withList;
  return Math.min(row.withList, head + PLAYER_BOX.listBorder + trackCount * PLAYER_BOX.row);
}

/** Widgets fill their frame's width; this is what snippets ask for, and the narrowest that stays tidy. */
export const EMBED_WIDTH = { default: "100%", maxPixels: 700, minPixels: 280 } as const;
