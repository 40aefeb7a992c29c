/**
 * The period a band looks at. Bands have no time zone setting yet, so every day starts at
 * 00:00 UTC; the queries take the zone as a parameter so a band setting can replace STATS_TIME_ZONE.
 */
export const STATS_TIME_ZONE = "UTC";
export const PERIOD_PRESETS = ["7d", "30d", "90d", "year", "custom"] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];
export type Bucket = "day" | "week" | "month";

/** `to` and `previousTo` are exclusive: an order at 23:59:59.999 is in the day, one at 00:00 the next. */
export type Period = {
  preset: PeriodPreset;
  from: Date;
  to: Date;
  previousFrom: Date;
  previousTo: Date;
  days: number;
  bucket: Bucket;
  /** Inclusive dates as the band reads them (YYYY-MM-DD). */
  firstDay: string;
  lastDay: string;
};

export type PeriodResult = { ok: true; period: Period } | { ok: false; error: "bad_date" | "range_order" | "range_too_long" };

const DAY = 86_400_000;
/** Ten years of days keeps a custom range's month buckets to a readable chart. */
export const MAX_DAYS = 3660;

const startOfDay = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

function parseDay(text: string | undefined): Date | null {
  if (!text || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const d = new Date(`${text}T00:00:00.000Z`);
  return Number.isNaN(d.getTime()) || isoDay(d) !== text ? null : d;
}

/** Day buckets up to a month, weeks up to half a year, months beyond: about 7 to 52 points. */
export function bucketFor(days: number): Bucket {
  return days <= 31 ? "day" : days <= 182 ? "week" : "month";
}

function build(preset: PeriodPreset, from: Date, to: Date): Period {
  const days = Math.round((to.getTime() - from.getTime()) / DAY);
  const previousFrom = new Date(from.getTime() - days * DAY);
  return { preset, from, to, previousFrom, previousTo: from, days, bucket: bucketFor(days), firstDay: isoDay(from), lastDay: isoDay(new Date(to.getTime() - DAY)) };
}

/** Reads ?period=7d|30d|90d|year|custom&from=YYYY-MM-DD&to=YYYY-MM-DD; an unknown preset means 30 days. */
export function parsePeriod(input: { period?: string; from?: string; to?: string }, now: Date = new Date()): PeriodResult {
  const tomorrow = new Date(startOfDay(now).getTime() + DAY);
  const preset = (PERIOD_PRESETS as readonly string[]).includes(input.period ?? "") ? (input.period as PeriodPreset) : "30d";
  if (preset === "year") return { ok: true, period: build("year", new Date(Date.UTC(now.getUTCFullYear(), 0, 1)), tomorrow) };
  if (preset !== "custom") {
    const days = Number(preset.slice(0, -1));
    return { ok: true, period: build(preset, new Date(tomorrow.getTime() - days * DAY), tomorrow) };
  }
  const from = parseDay(input.from);
  const last = parseDay(input.to);
  if (!from || !last) return { ok: false, error: "bad_date" };
  if (last < from) return { ok: false, error: "range_order" };
  const to = new Date(last.getTime() + DAY);
  if ((to.getTime() - from.getTime()) / DAY > MAX_DAYS) return { ok: false, error: "range_too_long" };
  return { ok: true, period: build("custom", from, to) };
}

/** The asked period, or the last 30 days with the reason the asked one was refused. */
export function periodOrDefault(input: { period?: string; from?: string; to?: string }, now: Date = new Date()): { period: Period; error: Extract<PeriodResult, { ok: false }>["error"] | null } {
  const asked = parsePeriod(input, now);
  if (asked.ok) return { period: asked.period, error: null };
  const fallback = parsePeriod({ period: "30d" }, now);
  if (!fallback.ok) throw new Error("the 30-day period cannot be refused");
  return { period: fallback.period, error: asked.error };
}
