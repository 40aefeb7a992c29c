/**
 * HTTP byte ranges (RFC 9110 §14), kept free of Next so every form can be tested as a table.
 *
 * Choices where the RFC leaves room:
 * - One range is served as a 206. Several ranges (`bytes=0-1,5-9`) get the whole representation
 *   as a 200, which RFC 9110 §14.2 allows (a server MAY ignore Range); no browser asks for
 *   multipart/byteranges when playing audio, and a 200 can never leak more than the full file.
 *   If none of the ranges could be satisfied the answer is still a 416.
 * - A header that does not parse (`bytes=abc`, `bytes=5-1`, `items=0-1`) is ignored: 200.
 * - An empty representation satisfies no range: 416.
 */
export type RangeDecision =
  | { kind: "full"; reason: "absent" | "invalid" | "other_unit" | "multiple" }
  | { kind: "partial"; start: number; end: number }
  | { kind: "unsatisfiable" };

type Spec = { first: number; last: number | null } | { suffix: number };

const DIGITS = /^\d+$/;

/** Digits as a number; too many digits to be exact means "further than any file". */
function toNumber(digits: string) {
  const value = Number(digits);
  return Number.isSafeInteger(value) ? value : Number.POSITIVE_INFINITY;
}

function parseSpec(text: string): Spec | null {
  const dash = text.indexOf("-");
  if (dash === -1) return null;
  const before = text.slice(0, dash).trim();
  const after = text.slice(dash + 1).trim();
  if (before === "") return DIGITS.test(after) ? { suffix: toNumber(after) } : null;
  if (!DIGITS.test(before)) return null;
  if (after === "") return { first: toNumber(before), last: null };
  if (!DIGITS.test(after)) return null;
  const first = toNumber(before);
  const last = toNumber(after);
  // RFC 9110 §14.1.1: a last-pos below first-pos makes the range-spec invalid (not unsatisfiable).
  return last < first ? null : { first, last };
}

/** The inclusive byte span a spec selects in `size` bytes, or null when it selects nothing. */
function resolve(spec: Spec, size: number): { start: number; end: number } | null {
  if (size <= 0) return null;
  if ("suffix" in spec) {
    if (spec.suffix === 0) return null;
    return { start: Math.max(0, size - spec.suffix), end: size - 1 };
  }
  if (spec.first >= size) return null;
  return { start: spec.first, end: spec.last === null ? size - 1 : Math.min(spec.last, size - 1) };
}

/** What to send for a `Range` header against a representation of `size` bytes. */
export function parseRange(header: string | null, size: number): RangeDecision {
  if (header === null || header.trim() === "") return { kind: "full", reason: "absent" };
  const equals = header.indexOf("=");
  if (equals === -1) return { kind: "full", reason: "invalid" };
  // Range units are case-insensitive tokens; only bytes exist for files.
  if (header.slice(0, equals).trim().toLowerCase() !== "bytes") return { kind: "full", reason: "other_unit" };
  // List syntax (RFC 9110 §5.6.1): recipients ignore empty elements such as a trailing comma.
  const parts = header
    .slice(equals + 1)
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
  if (parts.length === 0) return { kind: "full", reason: "invalid" };
  const specs = parts.map(parseSpec);
  if (specs.some((spec) => spec === null)) return { kind: "full", reason: "invalid" };
  const spans = (specs as Spec[]).map((spec) => resolve(spec, size));
  if (spans.every((span) => span === null)) return { kind: "unsatisfiable" };
  if (spans.length > 1) return { kind: "full", reason: "multiple" };
  return { kind: "partial", ...spans[0]! };
}

/** `Content-Range` for a 206 (`bytes 0-1/1234`) or a 416 (`bytes *\/1234`). */
export function contentRange(decision: { start: number; end: number } | null, size: number) {
  return decision ? `bytes ${decision.start}-${decision.end}/${size}` : `bytes */${size}`;
}

const wholeSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

/**
 * RFC 9110 §13.1.5: a range is honoured only if the client's copy is still current. An entity
 * tag must match strongly (a weak tag never does); a date must equal Last-Modified to the
 * second. Anything else (another tag, another date, garbage) means "send the whole file".
 * No If-Range header at all allows the range.
 */
export function ifRangeAllows(ifRange: string | null, current: { etag: string; lastModified: Date }): boolean {
  if (ifRange === null) return true;
  const value = ifRange.trim();
  if (value.startsWith('"') || value.startsWith("W/")) {
    return !value.startsWith("W/") && !current.etag.startsWith("W/") && value === current.etag;
  }
  const date = Date.parse(value);
  if (Number.isNaN(date)) return false;
  return Math.floor(date / 1000) === wholeSeconds(current.lastModified);
}

/**
 * Conditional GET (RFC 9110 §13.1.2/§13.1.3): true when the client's cached copy is current and
 * a 304 will do. If-None-Match (weak comparison) wins over If-Modified-Since.
 */
export function notModified(
  headers: { ifNoneMatch: string | null; ifModifiedSince: string | null },
  current: { etag: string; lastModified: Date },
): boolean {
  if (headers.ifNoneMatch !== null) {
    const bare = (tag: string) => tag.trim().replace(/^W\//, "");
    const wanted = bare(current.etag);
    return headers.ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || bare(tag) === wanted);
  }
  if (headers.ifModifiedSince !== null) {
    const since = Date.parse(headers.ifModifiedSince);
    return !Number.isNaN(since) && wholeSeconds(current.lastModified) <= Math.floor(since / 1000);
  }
  return false;
}

/**
 * The range a request may have of the current representation: its Range header, unless an
 * If-Range names another version (then the whole file, RFC 9110 §13.1.5).
 */
export function requestedRange(
  header: (name: string) => string | null,
  current: { etag: string; lastModified: Date },
  size: number,
): RangeDecision {
  return ifRangeAllows(header("if-range"), current)
    ? parseRange(header("range"), size)
    : { kind: "full", reason: "absent" };
}
