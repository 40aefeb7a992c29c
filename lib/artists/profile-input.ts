import { z } from "zod";
import type { ArtistLink } from "@/db/schema";
import { DEFAULT_TIME_ZONE, isTimeZone } from "@/lib/time-zone";
import { CURRENCIES } from "./currencies";
import { checkSlug } from "./slug";

/** Messages are codes; the UI translates them (lib/i18n messages under "errors"). */
const KNOWN_HOSTS: Record<string, string> = {
  "instagram.com": "Instagram",
  "facebook.com": "Facebook",
  "youtube.com": "YouTube",
  "youtu.be": "YouTube",
  "tiktok.com": "TikTok",
  "soundcloud.com": "SoundCloud",
  "open.spotify.com": "Spotify",
  "bandcamp.com": "Bandcamp",
  "x.com": "X",
  "twitter.com": "X",
  "mastodon.social": "Mastodon",
  "bsky.app": "Bluesky",
};

export function linkLabel(url: URL): string {
  const host = url.hostname.replace(/^www\./, "");
  const known = Object.entries(KNOWN_HOSTS).find(([h]) => host === h || host.endsWith(`.${h}`));
  return known ? known[1] : host;
}

/** One link per line; only http(s) URLs. */
export function parseLinks(text: string): { ok: true; links: ArtistLink[] } | { ok: false; error: string } {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length > 8) return { ok: false, error: "links_too_many" };
  const links: ArtistLink[] = [];
  for (const line of lines) {
    let url: URL;
    try {
      url = new URL(/^[a-z]+:\/\//i.test(line) ? line : `https://${line}`);
    } catch {
      return { ok: false, error: "link_invalid" };
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, error: "link_invalid" };
    if (url.href.length > 300) return { ok: false, error: "link_invalid" };
    links.push({ label: linkLabel(url), url: url.href });
  }
  return { ok: true, links };
}

export const artistProfileSchema = z.object({
  name: z.string().trim().min(1, "name_required").max(80, "name_too_long"),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .superRefine((slug, ctx) => {
      const check = checkSlug(slug);
      if (!check.ok) ctx.addIssue({ code: "custom", message: `slug_${check.reason}` });
    }),
  location: z.string().trim().max(80, "location_too_long").default(""),
  bio: z.string().trim().max(4000, "bio_too_long").default(""),
  links: z
    .string()
    .default("")
    .transform((text, ctx) => {
      const parsed = parseLinks(text);
      if (!parsed.ok) {
        ctx.addIssue({ code: "custom", message: parsed.error });
        return z.NEVER;
      }
      return parsed.links;
    }),
  currency: z.enum(CURRENCIES, { message: "currency_invalid" }),
  timeZone: z
    .string()
    .trim()
    .transform((zone) => zone || DEFAULT_TIME_ZONE)
    .refine(isTimeZone, "time_zone_invalid")
    .default(DEFAULT_TIME_ZONE),
  accentColor: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, "color_invalid")
    .transform((c) => c.toLowerCase())
    .default("#b4442c"),
  /** A Pro option (lib/plans' shopLook); absent from the form (onboarding) means "keep it". */
  bannerLayout: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.enum(["standard", "tall", "none"], { message: "banner_layout_invalid" }).optional(),
  ),
});

export type FieldErrors = Partial<Record<string, string>>;

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    out[key] ??= issue.message;
  }
  return out;
}
