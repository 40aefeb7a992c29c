import { z } from "zod";
import { LOCALES, negotiateLocale, type Locale } from "@/lib/i18n/config";

/**
 * Widget options come from a query string a stranger may write: each one is parsed on its own,
 * and a value that is not exactly one of ours becomes the default (never an error page, never
 * echoed back as typed).
 */
export const EMBED_KINDS = ["release", "track", "buy", "shop"] as const;
export type EmbedKind = (typeof EMBED_KINDS)[number];

export const THEMES = ["auto", "light", "dark"] as const;
export const LAYOUTS = ["large", "compact", "slim"] as const;
export const ARTWORK = ["large", "small", "none"] as const;
export type EmbedLayout = (typeof LAYOUTS)[number];

export type EmbedOptions = {
  theme: (typeof THEMES)[number];
  /** "#rrggbb" or null for the theme's own. */
  bg: string | null;
  accent: string | null;
  layout: EmbedLayout;
  artwork: (typeof ARTWORK)[number];
  tracklist: boolean;
  lang: Locale;
};

export const DEFAULT_OPTIONS: Omit<EmbedOptions, "lang"> = {
  theme: "auto",
  bg: null,
  accent: null,
  layout: "large",
  artwork: "large",
  tracklist: true,
};

/** "#abc", "abc", "#aabbcc" or "aabbcc" → "#aabbcc"; anything else → null. */
export function parseHexColor(raw: string | null | undefined): string | null {
  if (!raw || raw.length > 7) return null;
  const match = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(raw.trim());
  if (!match) return null;
  const hex = match[1].length === 3 ? [...match[1]].map((c) => c + c).join("") : match[1];
  return `#${hex.toLowerCase()}`;
}

const oneOf = <T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) =>
  z.enum(values).catch(fallback);

const schema = z.object({
  theme: oneOf(THEMES, DEFAULT_OPTIONS.theme),
  layout: oneOf(LAYOUTS, DEFAULT_OPTIONS.layout),
  artwork: oneOf(ARTWORK, DEFAULT_OPTIONS.artwork),
  tracklist: z
    .enum(["0", "1"])
    .transform((v) => v === "1")
    .catch(DEFAULT_OPTIONS.tracklist),
  bg: z.string().transform(parseHexColor).catch(null),
  accent: z.string().transform(parseHexColor).catch(null),
  lang: z.enum(LOCALES).optional().catch(undefined),
});

/** Options from a widget URL's query; the language falls back to the visitor's Accept-Language. */
export function parseEmbedOptions(params: URLSearchParams, acceptLanguage: string | null): EmbedOptions {
  const raw = Object.fromEntries(Object.keys(schema.shape).map((key) => [key, params.get(key) ?? undefined]));
  const parsed = schema.parse(raw);
  return { ...parsed, lang: parsed.lang ?? negotiateLocale(acceptLanguage) };
}

/** The query string for options that differ from the defaults (the builder and oEmbed write these). */
export function optionsQuery(options: Partial<EmbedOptions>): string {
  const params = new URLSearchParams();
  const defaults: Record<string, unknown> = DEFAULT_OPTIONS;
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined || value === null || value === defaults[key]) continue;
    params.set(key, typeof value === "boolean" ? (value ? "1" : "0") : String(value).replace(/^#/, ""));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}
