/**
 * A gift's delivery day is a calendar date in the buyer's time zone; it goes out at 9:00 there
 * (or at once when that day is today). Pure functions of their inputs, so tests can pass a clock.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
export const DELIVERY_HOUR = 9;

export function validTimeZone(zone: string | null | undefined): string {
  if (!zone) return "UTC";
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone;
  } catch {
    return "UTC";
  }
}

/** The calendar date (YYYY-MM-DD) that `instant` falls on in `zone`. */
export function dateIn(instant: Date, zone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: zone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** A real calendar date, or null ("2026-02-30" is not one). */
export function parseDate(text: string): { y: number; m: number; d: number } | null {
  const match = DATE.exec(text);
  if (!match) return null;
  const [y, m, d] = match.slice(1).map(Number);
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
  return { y, m, d };
}

/** The same date a year later (29 February becomes 1 March). */
export function yearAfter(date: string): string {
  const { y, m, d } = parseDate(date)!;
  return new Date(Date.UTC(y + 1, m - 1, d)).toISOString().slice(0, 10);
}

/** Minutes `zone` is ahead of UTC at `instant`. */
function offsetMinutes(instant: Date, zone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const local = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"));
  return Math.round((local - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
}

/** `date` at DELIVERY_HOUR:00 wall-clock time in `zone`. */
export function deliveryInstant(date: string, zone: string): Date {
  const { y, m, d } = parseDate(date)!;
  const guess = Date.UTC(y, m - 1, d, DELIVERY_HOUR);
  return new Date(guess - offsetMinutes(new Date(guess), zone) * 60_000);
}
