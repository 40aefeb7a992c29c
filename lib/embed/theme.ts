import { inkOn, mix, readableAccent, WHITE } from "@/lib/color";
import type { EmbedOptions } from "./options";

type Palette = { bg: string; fg: string; mu: string; ln: string; hv: string };

const LIGHT: Palette = { bg: "#ffffff", fg: "#1c1917", mu: "#6b6460", ln: "#e7e5e4", hv: "#f5f5f4" };
const DARK: Palette = { bg: "#1c1917", fg: "#f5f5f4", mu: "#b5aea8", ln: "#3a3633", hv: "#292524" };

/** A palette around a band's own background: ink, muted text kept at 4.5:1, lines and hover. */
function fromBackground(bg: string): Palette {
  const fg = inkOn(bg);
  const hv = mix(bg, fg, 0.07);
  return {
    bg,
    fg,
    mu: readableAccent(mix(fg, bg, 0.32), [bg, hv]),
    ln: mix(bg, fg, fg === WHITE ? 0.22 : 0.14),
    hv,
  };
}

/**
 * A palette's variables with the accent's: `--ac` fills buttons (text on it in `--on`), `--at` is
 * the accent where it is drawn on the background (the current track, the slider), brought to
 * 4.5:1 whatever colour the band picked.
 */
const vars = (p: Palette, accent: string) =>
  `--bg:${p.bg};--fg:${p.fg};--mu:${p.mu};--ln:${p.ln};--hv:${p.hv};--ac:${accent};--on:${inkOn(accent)};--at:${readableAccent(accent, [p.bg, p.hv])}`;

/**
 * The colour variables of a widget. Colours reach this point only as parsed "#rrggbb" strings,
 * so nothing typed in the URL is written into CSS as is.
 */
export function themeCss(options: Pick<EmbedOptions, "theme" | "bg" | "accent">, bandAccent: string): string {
  const accent = options.accent ?? (/^#[0-9a-f]{6}$/i.test(bandAccent) ? bandAccent.toLowerCase() : "#b4442c");
  if (options.bg)
    return `:root{${vars(fromBackground(options.bg), accent)};color-scheme:${inkOn(options.bg) === WHITE ? "dark" : "light"}}`;
  if (options.theme === "light") return `:root{${vars(LIGHT, accent)};color-scheme:light}`;
  if (options.theme === "dark") return `:root{${vars(DARK, accent)};color-scheme:dark}`;
  return `:root{${vars(LIGHT, accent)};color-scheme:light dark}@media (prefers-color-scheme:dark){:root{${vars(DARK, accent)}}}`;
}
