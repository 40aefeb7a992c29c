import { z } from "zod";

/** Release and track forms. Error messages are codes; the dashboard translates them (catalog.errors.*). */
export const RELEASE_KINDS = ["album", "ep", "single"] as const;
export const STREAMING_MODES = ["full", "clip", "off"] as const;

/** Words a release slug cannot take: pages that live under /<artist>/. */
export const RESERVED_RELEASE_SLUGS = new Set([
  "redeem",
  "cart",
  "checkout",
  "embed",
  "releases",
  "merch",
  "shop",
  // The band's gift cards (/<artist>/gift-card): "gift" stays free, a release may well be called that.
  "gift-card",
  // The Follow page (/<artist>/follow): it reads the fan's library session, so it is never cached.
  "follow",
  // The band's news posts (/<artist>/news/<post>).
  "news",
  // Fans subscribe to the band at /<artist>/subscribe (lib/fan-subscriptions).
  "subscribe",
]);

const text = (max: number) => z.string().trim().max(max, "too_long").default("");

function isRealDate(value: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const releaseDate = z
  .string()
  .trim()
  .default("")
  // Round-trip through Date: JavaScript would happily read 2025-02-30 as 2 March.
  .refine((v) => v === "" || isRealDate(v), "date_invalid")
  .transform((v) => (v === "" ? null : v));

export const releaseInputSchema = z.object({
  title: z.string().trim().min(1, "title_required").max(120, "too_long"),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, "slug_required")
    .max(60, "too_long")
    .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "slug_format")
    .refine((s) => !s.includes("--"), "slug_format")
    .refine((s) => !RESERVED_RELEASE_SLUGS.has(s), "slug_reserved"),
  kind: z.enum(RELEASE_KINDS, { message: "kind_invalid" }).default("album"),
  releaseDate,
  description: text(5000),
  credits: text(5000),
  catalogNumber: text(40),
});

/** ISRC: CC-XXX-YY-NNNNN, dashes and spaces optional, stored without them in capitals. */
const isrc = z
  .string()
  .default("")
  .transform((v) => v.replace(/[\s-]/g, "").toUpperCase())
  .refine((v) => v === "" || /^[A-Z]{2}[A-Z0-9]{3}\d{7}$/.test(v), "isrc_invalid");

export const trackInputSchema = z.object({
  title: z.string().trim().min(1, "title_required").max(200, "too_long"),
  lyrics: text(20000),
  isrc,
  streaming: z.enum(STREAMING_MODES, { message: "streaming_invalid" }).default("full"),
  clipSeconds: z.coerce
    .number({ message: "clip_invalid" })
    .int("clip_invalid")
    .min(5, "clip_invalid")
    .max(600, "clip_invalid")
    .default(30),
});

export type FieldErrors = Record<string, string>;

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) out[String(issue.path[0] ?? "form")] ??= issue.message;
  return out;
}

/** "03 - Van at Dawn (final master).wav" → "Van at Dawn (final master)" */
export function titleFromFilename(filename: string) {
  const base = filename.replace(/\.[a-z0-9]{2,5}$/i, "").replace(/[_]+/g, " ");
  return (
    base
      .replace(/^\s*\d{1,3}\s*[-._)]?\s*/, "")
      .trim()
      .slice(0, 200) ||
    base.trim().slice(0, 200) ||
    "Untitled"
  );
}
