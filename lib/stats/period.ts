import { DEFAULT_TIME_ZONE, isTimeZone } from "@/lib/time-zone";

/**
 * The period a band looks at, cut into days in the band's time zone: "today" is the band's
 * today, and a day runs from its local midnight to the next (23 or 25 hours on a clock change).
 * Figures are read from daily rows keyed by the local date, so a period is a range of dates;
 * `from` and `to` are the instants of its first and last local midnights, for display.
 */
export const PERIOD_PRESETS = ["7d", "30d", "90d", "year", "custom"] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];
export type Bucket = "day" | "week" | "month";

/** Dates are inclusive YYYY-MM-DD in `timeZone`; `to` and `previousTo` are exclusive instants. */
export type Period = {
  preset: PeriodPreset;
  timeZone: string;
  firstDay: string;
  lastDay: string;
  previousFirstDay: string;
  previousLastDay: string;
  from: Date;
  to: Date;
  previousFrom: Date;
  previousTo: Date;
  days: number;
  bucket: Bucket;
};

export type PeriodResult =
  { ok: true; period: Period } | { ok: false; error: "bad_date" | "range_order" | "range_too_long" };

const DAY = 86_400_000;
/** Ten years of days keeps a custom range's month buckets to a readable chart. */
export const MAX_DAYS = 3660;

const utcDay = (text: string) => Date.parse(`${text}T00:00:00.000Z`);
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** Calendar arithmetic on dates, whatever the zone. */
export const addDays = (day: string, n: number) => isoDay(utcDay(day) + n * DAY);

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock in `timeZone` at `instant`, read as if it were UTC (ms). */
function wallClock(instant: number, timeZone: string): number {
  const p = Object.fromEntries(
    partsFormatter(timeZone)
      .formatToParts(new Date(instant))
      .map((x) => [x.type, x.value]),
  );
  return Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
}

/** The band's date at `instant`. */
export function localDay(instant: Date, timeZone: string): string {
  return isoDay(wallClock(instant.getTime(), timeZone));
}

/** The instant a local date starts: its midnight, or the first minute after a clock change skipped it. */
export function startOfLocalDay(day: string, timeZone: string): Date {
  const wall = utcDay(day);
  let instant = wall - (wallClock(wall, timeZone) - wall);
  const offset = wallClock(instant, timeZone) - instant;
  if (wall - offset !== instant) instant = wall - offset;
  // A midnight the clocks skipped (00:00 → 01:00) lands the day before: the day starts at its first real minute.
  while (localDay(new Date(instant), timeZone) < day) instant += 15 * 60_000;
  return new Date(instant);
}

function parseDay(text: string | undefined): string | null {
  if (!text || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const ms = utcDay(text);
  return Number.isNaN(ms) || isoDay(ms) !== text ? null : text;
}

/** Day buckets up to a month, weeks up to half a year, months beyond: about 7 to 52 points. */
export function bucketFor(days: number): Bucket {
  return days <= 31 ? "day" : days <= 182 ? "week" : "month";
}

function build(preset: PeriodPreset, firstDay: string, lastDay: string, timeZone: string): Period {
  const days = Math.round((utcDay(lastDay) - utcDay(firstDay)) / DAY) + 1;
  const previousFirstDay = addDays(firstDay, -days);
  const previousLastDay = addDays(firstDay, -1);
  const start = (day: string) => startOfLocalDay(day, timeZone);
  return {
    preset,
    timeZone,
    firstDay,
    lastDay,
    previousFirstDay,
    previousLastDay,
    from: start(firstDay),
    to: start(addDays(lastDay, 1)),
    previousFrom: start(previousFirstDay),
    previousTo: start(firstDay),
    days,
    bucket: bucketFor(days),
  };
}

/**
 * Reads ?period=7d|30d|90d|year|custom&from=YYYY-MM-DD&to=YYYY-MM-DD for a band in `timeZone`;
 * an unknown preset means 30 days, an unknown zone UTC.
 */
export function parsePeriod(
  input: { period?: string; from?: string; to?: string },
  now: Date = new Date(),
  timeZone: string = DEFAULT_TIME_ZONE,
): PeriodResult {
  const zone = isTimeZone(timeZone) ? timeZone : DEFAULT_TIME_ZONE;
  const today = localDay(now, zone);
  const preset = (PERIOD_PRESETS as readonly string[]).includes(input.period ?? "")
    ? (input.period as PeriodPreset)
    : "30d";
  if (preset === "year") return { ok: true, period: build("year", `${today.slice(0, 4)}-01-01`, today, zone) };
  if (preset !== "custom")
    return { ok: true, period: build(preset, addDays(today, 1 - Number(preset.slice(0, -1))), today, zone) };
  const first = parseDay(input.from);
  const last = parseDay(input.to);
  if (!first || !last) return { ok: false, error: "bad_date" };
  if (last < first) return { ok: false, error: "range_order" };
  if ((utcDay(last) - utcDay(first)) / DAY + 1 > MAX_DAYS) return { ok: false, error: "range_too_long" };
  return { ok: true, period: build("custom", first, last, zone) };
}

/** The asked period, or the last 30 days with the reason the asked one was refused. */
export function periodOrDefault(
  input: { period?: string; from?: string; to?: string },
  now: Date = new Date(),
  timeZone: string = DEFAULT_TIME_ZONE,
): { period: Period; error: Extract<PeriodResult, { ok: false }>["error"] | null } {
  const asked = parsePeriod(input, now, timeZone);
  if (asked.ok) return { period: asked.period, error: null };
  const fallback = parsePeriod({ period: "30d" }, now, timeZone);
  if (!fallback.ok) throw new Error("the 30-day period cannot be refused");
  return { period: fallback.period, error: asked.error };
}
