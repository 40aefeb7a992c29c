import type { EmbedOptions } from "./options";

/** Relative luminance (WCAG) of "#rrggbb". */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Black or white, whichever reads better on `hex` (a band's colours are not always contrasty). */
export const inkOn = (hex: string) => (luminance(hex) > 0.36 ? "#1c1917" : "#ffffff");

const LIGHT = "--bg:#ffffff;--fg:#1c1917;--mu:#6b6460;--ln:#e7e5e4;--hv:#f5f5f4";
const DARK = "--bg:#1c1917;--fg:#f5f5f4;--mu:#b5aea8;--ln:#3a3633;--hv:#292524";

function fromBackground(bg: string): string {
  const fg = inkOn(bg);
  const dark = fg === "#ffffff";
  return `--bg:${bg};--fg:${fg};--mu:color-mix(in srgb,${fg} 68%,${bg});--ln:color-mix(in srgb,${fg} ${dark ? 22 : 14}%,${bg});--hv:color-mix(in srgb,${fg} 7%,${bg})`;
}

/**
 * The colour variables of a widget. Colours reach this point only as parsed "#rrggbb" strings,
 * so nothing typed in the URL is written into CSS as is.
 */
export function themeCss(options: Pick<EmbedOptions, "theme" | "bg" | "accent">, bandAccent: string): string {
  const accent = options.accent ?? (/^#[0-9a-f]{6}$/i.test(bandAccent) ? bandAccent.toLowerCase() : "#b4442c");
  const accentVars = `--ac:${accent};--on:${inkOn(accent)}`;
  if (options.bg)
    return `:root{${fromBackground(options.bg)};${accentVars};color-scheme:${inkOn(options.bg) === "#ffffff" ? "dark" : "light"}}`;
  if (options.theme === "light") return `:root{${LIGHT};${accentVars};color-scheme:light}`;
  if (options.theme === "dark") return `:root{${DARK};${accentVars};color-scheme:dark}`;
  return `:root{${LIGHT};${accentVars};color-scheme:light dark}@media (prefers-color-scheme:dark){:root{${DARK}}}`;
}
