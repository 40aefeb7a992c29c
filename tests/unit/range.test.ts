import { describe, expect, it } from "vitest";
import { contentRange, ifRangeAllows, notModified, parseRange, type RangeDecision } from "@/lib/http/range";

const SIZE = 10_000;
const partial = (start: number, end: number): RangeDecision => ({ kind: "partial", start, end });
const full = (reason: "absent" | "invalid" | "other_unit" | "multiple"): RangeDecision => ({ kind: "full", reason });
const unsatisfiable: RangeDecision = { kind: "unsatisfiable" };

describe("a player asking for part of a 10 000-byte track", () => {
  const table: [string, string | null, RangeDecision][] = [
    ["no Range header: the whole file", null, full("absent")],
    ["an empty Range header: the whole file", "", full("absent")],
    ["Safari's two-byte probe", "bytes=0-1", partial(0, 1)],
    ["one byte", "bytes=0-0", partial(0, 0)],
    ["the last byte by position", "bytes=9999-9999", partial(9999, 9999)],
    ["from an offset to the end", "bytes=4000-", partial(4000, 9999)],
    ["from zero to the end", "bytes=0-", partial(0, 9999)],
    ["the last 500 bytes", "bytes=-500", partial(9500, 9999)],
    ["a suffix longer than the file: all of it", "bytes=-20000", partial(0, 9999)],
    ["a closed range", "bytes=100-65635", partial(100, 9999)],
    ["a closed range inside the file", "bytes=100-199", partial(100, 199)],
    ["an end past the file is clamped", "bytes=9000-1000000", partial(9000, 9999)],
    ["an end too large to represent is clamped", "bytes=0-99999999999999999999999", partial(0, 9999)],
    ["spaces around the range are tolerated", "bytes= 0-1 ", partial(0, 1)],
    ["the unit is case-insensitive", "Bytes=0-1", partial(0, 1)],
    ["an empty list element is ignored", "bytes=0-1,", partial(0, 1)],
    ["a start at the end of the file", "bytes=10000-", unsatisfiable],
    ["a start past the end of the file", "bytes=20000-30000", unsatisfiable],
    ["a start too large to represent", "bytes=99999999999999999999-", unsatisfiable],
    ["an empty suffix", "bytes=-0", unsatisfiable],
    ["several ranges: the whole file", "bytes=0-1,5-9", full("multiple")],
    ["several ranges, one satisfiable: the whole file", "bytes=0-1,20000-", full("multiple")],
    ["several ranges, none satisfiable", "bytes=20000-,30000-", unsatisfiable],
    ["end before start is invalid, not unsatisfiable", "bytes=5-1", full("invalid")],
    ["letters", "bytes=abc", full("invalid")],
    ["no dash", "bytes=100", full("invalid")],
    ["a bare dash", "bytes=-", full("invalid")],
    ["a negative start", "bytes=--5", full("invalid")],
    ["a decimal", "bytes=1.5-2", full("invalid")],
    ["hex", "bytes=0x10-0x20", full("invalid")],
    ["no unit", "0-1", full("invalid")],
    ["only commas", "bytes=,,", full("invalid")],
    ["one bad range spoils the set", "bytes=0-1,x-y", full("invalid")],
    ["another unit", "items=0-1", full("other_unit")],
  ];
  it.each(table)("%s (%s)", (_name, header, expected) => {
    expect(parseRange(header, SIZE)).toEqual(expected);
  });
});

describe("edge sizes", () => {
  it("an empty file satisfies no range", () => {
    expect(parseRange("bytes=0-", 0)).toEqual(unsatisfiable);
    expect(parseRange("bytes=-5", 0)).toEqual(unsatisfiable);
    expect(parseRange(null, 0)).toEqual(full("absent"));
  });
  it("a one-byte file", () => {
    expect(parseRange("bytes=0-1", 1)).toEqual(partial(0, 0));
    expect(parseRange("bytes=-1", 1)).toEqual(partial(0, 0));
    expect(parseRange("bytes=1-", 1)).toEqual(unsatisfiable);
  });
});

describe("Content-Range", () => {
  it("names the span and the total, or only the total for a 416", () => {
    expect(contentRange({ start: 0, end: 1 }, 10_000)).toBe("bytes 0-1/10000");
    expect(contentRange(null, 10_000)).toBe("bytes */10000");
  });
});

describe("If-Range: resuming only from the same file", () => {
  const current = { etag: '"abc123"', lastModified: new Date("2025-03-01T10:20:30.456Z") };
  const table: [string, string | null, boolean][] = [
    ["no If-Range", null, true],
    ["the same strong tag", '"abc123"', true],
    ["another tag", '"zzz999"', false],
    ["the same tag marked weak never matches", 'W/"abc123"', false],
    ["the same date", "Sat, 01 Mar 2025 10:20:30 GMT", true],
    ["an earlier date", "Sat, 01 Mar 2025 10:20:29 GMT", false],
    ["a later date", "Sat, 01 Mar 2025 10:20:31 GMT", false],
    ["garbage", "yesterday-ish", false],
  ];
  it.each(table)("%s → range honoured: %s", (_name, header, expected) => {
    expect(ifRangeAllows(header, current)).toBe(expected);
  });
});

describe("conditional GET", () => {
  const current = { etag: '"abc123"', lastModified: new Date("2025-03-01T10:20:30.456Z") };
  const none = { ifNoneMatch: null, ifModifiedSince: null };
  it("answers 304 when the cached copy is current", () => {
    expect(notModified({ ...none, ifNoneMatch: '"abc123"' }, current)).toBe(true);
    expect(notModified({ ...none, ifNoneMatch: 'W/"abc123"' }, current)).toBe(true);
    expect(notModified({ ...none, ifNoneMatch: '"old", "abc123"' }, current)).toBe(true);
    expect(notModified({ ...none, ifNoneMatch: "*" }, current)).toBe(true);
    expect(notModified({ ...none, ifModifiedSince: "Sat, 01 Mar 2025 10:20:30 GMT" }, current)).toBe(true);
  });
  it("sends the file when the cached copy is stale or nothing is cached", () => {
    expect(notModified(none, current)).toBe(false);
    expect(notModified({ ...none, ifNoneMatch: '"old"' }, current)).toBe(false);
    expect(notModified({ ...none, ifModifiedSince: "Sat, 01 Mar 2025 10:20:29 GMT" }, current)).toBe(false);
    expect(notModified({ ...none, ifModifiedSince: "not a date" }, current)).toBe(false);
    // If-None-Match wins: a mismatching tag is not rescued by a matching date.
    expect(notModified({ ifNoneMatch: '"old"', ifModifiedSince: "Sat, 01 Mar 2025 10:20:30 GMT" }, current)).toBe(
      false,
    );
  });
});
