import { describe, expect, it } from "vitest";
import { momentText, wallClockIn, zonedMoment } from "@/lib/time-zone";

describe("a release moment entered in the band's time zone", () => {
  it("reads a Paris evening in winter and in summer with the offset of that day", () => {
    expect(zonedMoment("2027-01-15", "20:00", "Europe/Paris")?.toISOString()).toBe("2027-01-15T19:00:00.000Z");
    expect(zonedMoment("2027-07-15", "20:00", "Europe/Paris")?.toISOString()).toBe("2027-07-15T18:00:00.000Z");
  });

  it("moves a time skipped when clocks go forward past the gap", () => {
    // 29 March 2026, Paris: 02:00 CET becomes 03:00 CEST; 02:30 never shows on a clock.
    expect(zonedMoment("2026-03-29", "02:30", "Europe/Paris")?.toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(zonedMoment("2026-03-29", "01:59", "Europe/Paris")?.toISOString()).toBe("2026-03-29T00:59:00.000Z");
    expect(zonedMoment("2026-03-29", "03:00", "Europe/Paris")?.toISOString()).toBe("2026-03-29T01:00:00.000Z");
  });

  it("takes the first of the two readings of an hour repeated when clocks go back", () => {
    // 25 October 2026, Paris: 03:00 CEST becomes 02:00 CET; 02:30 happens twice.
    expect(zonedMoment("2026-10-25", "02:30", "Europe/Paris")?.toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(zonedMoment("2026-10-25", "03:30", "Europe/Paris")?.toISOString()).toBe("2026-10-25T02:30:00.000Z");
  });

  it("handles zones west of UTC and half-hour offsets across their own DST days", () => {
    // New York springs forward on 8 March 2026 at 02:00.
    expect(zonedMoment("2026-03-08", "02:15", "America/New_York")?.toISOString()).toBe("2026-03-08T07:15:00.000Z");
    expect(zonedMoment("2026-11-01", "01:30", "America/New_York")?.toISOString()).toBe("2026-11-01T05:30:00.000Z");
    expect(zonedMoment("2026-06-01", "09:00", "Asia/Kolkata")?.toISOString()).toBe("2026-06-01T03:30:00.000Z");
    expect(zonedMoment("2026-12-31", "23:59", "UTC")?.toISOString()).toBe("2026-12-31T23:59:00.000Z");
  });

  it("refuses dates and times that do not exist and unknown zones", () => {
    expect(zonedMoment("2027-02-30", "10:00", "Europe/Paris")).toBeNull();
    expect(zonedMoment("2027-02-10", "24:00", "Europe/Paris")).toBeNull();
    expect(zonedMoment("2027-02-10", "9:00", "Europe/Paris")).toBeNull();
    expect(zonedMoment("10/02/2027", "09:00", "Europe/Paris")).toBeNull();
    expect(zonedMoment("2027-02-10", "09:00", "Mars/Olympus")).toBeNull();
  });

  it("shows a stored moment back as the band's wall clock, round trip", () => {
    expect(wallClockIn(new Date("2026-10-25T00:30:00Z"), "Europe/Paris")).toEqual({
      date: "2026-10-25",
      time: "02:30",
    });
    expect(wallClockIn(new Date("2026-10-25T01:30:00Z"), "Europe/Paris")).toEqual({
      date: "2026-10-25",
      time: "02:30",
    });
    for (const iso of ["2027-01-01T00:00:00Z", "2026-03-29T01:00:00Z", "2027-07-04T16:45:00Z"]) {
      const wall = wallClockIn(new Date(iso), "America/New_York");
      expect(zonedMoment(wall.date, wall.time, "America/New_York")?.toISOString()).toBe(new Date(iso).toISOString());
    }
  });
});

describe("a release moment shown to people", () => {
  it("reads in their language on the band's clock, naming the zone", () => {
    const at = new Date("2027-01-15T19:00:00Z");
    expect(momentText(at, "en", "Europe/Paris")).toMatch(/Friday, January 15, 2027.*8:00.*PM.*GMT\+1/);
    expect(momentText(at, "fr", "Europe/Paris")).toMatch(/vendredi 15 janvier 2027.*20:00.*UTC\+1/);
    expect(momentText(at, "en", "not/a zone")).toMatch(/7:00.*PM UTC/);
  });
});
