/** IANA time zones: the band's figures are cut into days in its zone. */
export const DEFAULT_TIME_ZONE = "UTC";

/** A zone the runtime's Intl knows by this IANA name ("Europe/Paris", "UTC"). */
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== "string" || value.length > 64 || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Every zone to choose from, UTC first. */
export function listTimeZones(): string[] {
  return [DEFAULT_TIME_ZONE, ...Intl.supportedValuesOf("timeZone").filter((zone) => zone !== DEFAULT_TIME_ZONE)];
}

/** The wall-clock date ("2026-03-29") and time ("02:30") a moment shows in a zone. */
export function wallClockIn(moment: Date, zone: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(moment)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * The moment a wall-clock date and time ("2026-10-25", "02:30") names in a zone, or null when it
 * is not a real date or time. Daylight saving makes some times ambiguous (the hour repeated in
 * autumn: the first one, as calendars do) and some missing (the hour skipped in spring: moved
 * forward by the gap, so "02:30" on a spring-forward night in Paris is 03:30 local).
 */
export function zonedMoment(date: string, time: string, zone: string): Date | null {
  const d = DATE.exec(date);
  const t = TIME.exec(time);
  if (!d || !t || !isTimeZone(zone)) return null;
  const [year, month, day, hour, minute] = [+d[1], +d[2], +d[3], +t[1], +t[2]];
  const naive = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(naive);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  const offsetAt = (ms: number) => {
    const wall = wallClockIn(new Date(ms), zone);
    const [wy, wm, wd] = wall.date.split("-").map(Number);
    const [wh, wmin] = wall.time.split(":").map(Number);
    return Date.UTC(wy, wm - 1, wd, wh, wmin) - ms;
  };
  // Offsets either side of the moment: equal away from a change; at a change, try the earlier first.
  const before = offsetAt(naive - 86_400_000);
  const after = offsetAt(naive + 86_400_000);
  for (const offset of before === after ? [before] : [before, after]) {
    const candidate = naive - offset;
    if (offsetAt(candidate) === offset) return new Date(candidate);
  }
  // The wall-clock time does not exist (spring forward): the same reading on the far side of the gap.
  return new Date(naive - before);
}

/** A moment as a person reads it: in their language, on the clock of a zone, the zone named ("CET"). */
export function momentText(at: Date, locale: string, zone: string) {
  return new Intl.DateTimeFormat(locale, {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: isTimeZone(zone) ? zone : DEFAULT_TIME_ZONE,
    timeZoneName: "short",
  }).format(at);
}
