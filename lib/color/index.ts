/**
 * WCAG colour contrast for the colours a band picks: its accent must stay readable on the page
 * and in the widgets whatever it is (a yellow accent on white gives 1.4:1 as it comes).
 * Colours here are "#rrggbb" strings, already parsed.
 */

/** The shop's dark ink and white: the two colours text is drawn in on a band's accent. */
export const DARK_INK = "#1c1917";
export const WHITE = "#ffffff";

const channels = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const toHex = (values: number[]) =>
  `#${values
    .map((v) =>
      Math.round(Math.min(255, Math.max(0, v)))
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")}`;

/** Relative luminance (WCAG 2.x) of "#rrggbb", from 0 (black) to 1 (white). */
export function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((value) => {
    const c = value / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The contrast ratio of two colours, from 1 (the same) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/**
 * Dark ink or white, whichever reads better on `background`; pure black where neither reaches
 * 4.5:1 (a mid grey), since black or white always does.
 */
export function inkOn(background: string): string {
  const onInk = contrastRatio(DARK_INK, background);
  const onWhite = contrastRatio(WHITE, background);
  if (Math.max(onInk, onWhite) < 4.5) return "#000000";
  return onInk >= onWhite ? DARK_INK : WHITE;
}

/** `from` mixed with `to` by `amount` (0: from, 1: to), in sRGB as CSS's color-mix does. */
export function mix(from: string, to: string, amount: number): string {
  const a = channels(from);
  const b = channels(to);
  return toHex(a.map((value, i) => value + (b[i] - value) * amount));
}

/**
 * The accent as close to the band's own as it can be while reaching `minRatio` against every one
 * of `backgrounds` (a page's paper and its cards): darkened towards black on light backgrounds,
 * lightened towards white on dark ones. For text use 4.5, for a waveform or an outline 3.
 */
export function readableAccent(accent: string, backgrounds: string[], minRatio = 4.5): string {
  const lightest = backgrounds.reduce((best, bg) => (luminance(bg) > luminance(best) ? bg : best));
  const darkest = backgrounds.reduce((best, bg) => (luminance(bg) < luminance(best) ? bg : best));
  // Backgrounds alike in lightness: move away from them all at once.
  const towards = inkOn(lightest) === WHITE ? "#ffffff" : "#000000";
  const worst = (colour: string) => Math.min(contrastRatio(colour, lightest), contrastRatio(colour, darkest));
  for (let step = 0; step <= 20; step++) {
    const candidate = mix(accent, towards, step / 20);
    if (worst(candidate) >= minRatio) return candidate;
  }
  return towards;
}
