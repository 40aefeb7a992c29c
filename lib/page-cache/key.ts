import { RESERVED_SLUGS } from "@/lib/artists/slug";
import { isLocale, negotiateLocale, splitLocalePath, type Locale } from "@/lib/i18n";

/**
 * Which requests the page cache answers, and the one key each is stored under: the path plus
 * only the query parameters its route reads, sorted, so `?utm_source=…` or a reordered query
 * shares the copy. Anything else (cart, redeem, dashboard, Next's own RSC fetches) goes to Next.
 */
export type CacheRoute =
  | { kind: "home" }
  | { kind: "shop"; artist: string }
  | { kind: "release"; artist: string; release: string; track: string | null }
  | { kind: "widget"; widget: WidgetKind; id: string }
  | { kind: "oembed"; url: string | null };

export type WidgetKind = "release" | "track" | "buy" | "shop";

export type CacheRequest = {
  key: string;
  route: CacheRoute;
  /** The language prefix of the URL (null: the unprefixed, English URL). */
  locale: Locale | null;
  /** A page whose unprefixed URL sends a visitor preferring another language to its /fr/… form. */
  languageRedirect: boolean;
  /** A widget without `lang`: its language came from Accept-Language. */
  varyOnLanguage: boolean;
};

/** Query parameters each widget reads (lib/embed/options.ts; tests/unit/page-cache-key.test.ts checks the list). */
export const WIDGET_PARAMS = ["accent", "artwork", "bg", "lang", "layout", "theme", "tracklist"] as const;
export const OEMBED_PARAMS = ["format", "maxheight", "maxwidth", "url"] as const;
const WIDGETS = new Set<string>(["release", "track", "buy", "shop"]);

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$/;
const ID = /^[A-Za-z0-9-]{1,64}$/;
/** Longer keys (huge query values) are not worth a copy: they go to Next. */
const MAX_KEY = 1024;
/** Requests Next's client router makes for the RSC payload of the same URL. */
const NEXT_ROUTER_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-action"];

function query(params: URLSearchParams, names: readonly string[], extra?: [string, string]): string {
  const pairs: string[] = [];
  for (const name of names) {
    if (extra && extra[0] === name) pairs.push(`${name}=${encodeURIComponent(extra[1])}`);
    else {
      const value = params.get(name);
      if (value !== null) pairs.push(`${name}=${encodeURIComponent(value)}`);
    }
  }
  return pairs.length ? `?${pairs.join("&")}` : "";
}

function pageRoute(path: string, params: URLSearchParams): { route: CacheRoute; search: string } | null {
  if (path === "/") return { route: { kind: "home" }, search: "" };
  const parts = path.slice(1).split("/");
  if (parts.length > 2 || !parts.every((part) => SLUG.test(part)) || RESERVED_SLUGS.has(parts[0])) return null;
  if (parts.length === 1) return { route: { kind: "shop", artist: parts[0] }, search: "" };
  // cart, redeem, follow and subscribe are the band's own pages with a visitor's state: never cached.
  if (parts[1] === "cart" || parts[1] === "redeem" || parts[1] === "follow" || parts[1] === "subscribe") return null;
  const track = params.get("track");
  return {
    route: { kind: "release", artist: parts[0], release: parts[1], track },
    search: query(params, ["track"]),
  };
}

export function cacheRequest(
  method: string | undefined,
  rawUrl: string | undefined,
  headers: Record<string, string | string[] | undefined>,
): CacheRequest | null {
  if ((method !== "GET" && method !== "HEAD") || !rawUrl || rawUrl.length > MAX_KEY) return null;
  for (const name of NEXT_ROUTER_HEADERS) if (headers[name] !== undefined) return null;
  const mark = rawUrl.indexOf("?");
  const pathname = mark === -1 ? rawUrl : rawUrl.slice(0, mark);
  const params = new URLSearchParams(mark === -1 ? "" : rawUrl.slice(mark + 1));
  if (params.has("_rsc")) return null;

  if (pathname.startsWith("/embed/")) {
    const parts = pathname.split("/");
    if (parts.length !== 4 || !WIDGETS.has(parts[2]) || !ID.test(parts[3])) return null;
    const lang = params.get("lang");
    const varyOnLanguage = !isLocale(lang);
    // Without a valid lang the widget speaks the visitor's language: that language joins the key.
    const language = varyOnLanguage ? negotiateLocale(header(headers["accept-language"])) : lang;
    return {
      key: pathname + query(params, WIDGET_PARAMS, ["lang", language]),
      route: { kind: "widget", widget: parts[2] as WidgetKind, id: parts[3] },
      locale: null,
      languageRedirect: false,
      varyOnLanguage,
    };
  }
  if (pathname === "/api/oembed") {
    return {
      key: pathname + query(params, OEMBED_PARAMS),
      route: { kind: "oembed", url: params.get("url") },
      locale: null,
      languageRedirect: false,
      varyOnLanguage: false,
    };
  }
  const { locale, path } = splitLocalePath(pathname);
  const page = pageRoute(path, params);
  if (!page) return null;
  return {
    key: pathname + page.search,
    route: page.route,
    locale,
    languageRedirect: locale === null,
    varyOnLanguage: false,
  };
}

export function header(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(", ") : value;
}
