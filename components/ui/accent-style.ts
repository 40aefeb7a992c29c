import type { CSSProperties } from "react";
import { inkOn, readableAccent } from "@/lib/color";

/** The backgrounds accent-coloured text and marks sit on (app/globals.css: paper, surface, hover), light and dark. */
const LIGHT_BACKGROUNDS = ["#fafaf9", "#ffffff", "#f5f5f4"];
const DARK_BACKGROUNDS = ["#121110", "#1b1917", "#211e1c"];
const DEFAULT_ACCENT = "#b4442c";

/**
 * A band's colours for the part of a page that wears them: the accent as the band chose it for
 * fills (the play button), text on it in dark ink or white, and `--color-accent-text` for
 * accent-coloured text and marks on the page (the played waveform), brought to 4.5:1 in the
 * light and in the dark theme whatever the band picked. Focus rings never use the accent.
 */
export function accentStyle(accentColor: string): CSSProperties {
  const accent = /^#[0-9a-f]{6}$/i.test(accentColor) ? accentColor.toLowerCase() : DEFAULT_ACCENT;
  return {
    "--color-accent": accent,
    "--color-on-accent": inkOn(accent),
    "--color-accent-text": `light-dark(${readableAccent(accent, LIGHT_BACKGROUNDS)}, ${readableAccent(accent, DARK_BACKGROUNDS)})`,
  } as CSSProperties;
}
