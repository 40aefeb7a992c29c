/**
 * A band's address: merchtable.example/<slug>. Reserved words are every top-level route the app
 * has or will have, plus words that would confuse fans.
 */
export const RESERVED_SLUGS = new Set([
  "about",
  "account",
  "admin",
  "api",
  "app",
  "assets",
  "auth",
  "blog",
  "cart",
  "checkout",
  "contact",
  "dashboard",
  "de",
  "dev",
  "download",
  "downloads",
  "embed",
  "en",
  "es",
  "embed.js",
  "explore",
  "faq",
  "follows",
  "fans",
  "fr",
  "favicon.ico",
  "forgot-password",
  "gift",
  "gifts",
  "help",
  "home",
  "invite",
  "legal",
  "library",
  "login",
  "logout",
  "media",
  "merchtable",
  "new",
  // The band news mails' unsubscribe page (/news/unsubscribe/<token>).
  "news",
  "onboarding",
  "pay",
  "press",
  "pricing",
  "privacy",
  "redeem",
  "register",
  "report",
  "reset-password",
  "robots.txt",
  "search",
  "settings",
  "shop",
  "signin",
  "signout",
  "signup",
  "sitemap",
  "sitemap.xml",
  "static",
  "status",
  "support",
  "terms",
  "test-payments",
  "www",
  "_next",
]);

export const SLUG_MIN = 2;
export const SLUG_MAX = 40;
const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

export type SlugCheck = { ok: true } | { ok: false; reason: "too_short" | "too_long" | "format" | "reserved" };

export function checkSlug(slug: string): SlugCheck {
  if (slug.length < SLUG_MIN) return { ok: false, reason: "too_short" };
  if (slug.length > SLUG_MAX) return { ok: false, reason: "too_long" };
  if (!SLUG_PATTERN.test(slug) || slug.includes("--")) return { ok: false, reason: "format" };
  if (RESERVED_SLUGS.has(slug)) return { ok: false, reason: "reserved" };
  return { ok: true };
}

/** "Les Hôtes Étranges!" → "les-hotes-etranges" */
export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, SLUG_MAX)
    .replace(/-+$/g, "");
}

/**
 * Whether a path (without its language prefix) is a fan-facing page whose language lives in its
 * URL: the home page, /pricing, the report form, and a band's shop and everything under it
 * (releases, cart, redeem).
 */
export function isFanPath(path: string): boolean {
  // The plans page is public like the home page: one address per language (/pricing, /fr/pricing).
  if (path === "/" || path === "/pricing") return true;
  // The report form is a fan page of no band: in the language of the page it was opened from.
  if (path === "/report" || path.startsWith("/report/")) return true;
  const first = path.split("/")[1] ?? "";
  return SLUG_PATTERN.test(first) && first.length >= SLUG_MIN && !RESERVED_SLUGS.has(first);
}
