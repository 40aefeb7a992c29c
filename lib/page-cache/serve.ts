import type { ServerResponse } from "node:http";
import type { Encoding, Entry } from "./entry";

/** A copy is never served past this age (stock shown is never staler than that). */
export const MAX_AGE_MS = 60_000;
/** Past this age a hit still serves the copy, and one background render replaces it. */
export const SOFT_AGE_MS = 20_000;
/** A 404 (unknown band or release, a draft) is kept this long: floods of misses cost one render. */
export const NOT_FOUND_MS = 5_000;

/**
 * Cache-Control by the copy's age in whole seconds: a CDN may keep it fresh for half of what is
 * left of the 60 s and serve it stale while revalidating for the other half, so what it shows is
 * never older than 60 s from the render. Built once; a hit only indexes it.
 */
const PUBLIC_BY_AGE = Array.from({ length: MAX_AGE_MS / 1000 + 1 }, (_, age) => {
  const left = MAX_AGE_MS / 1000 - age;
  const fresh = Math.floor(left / 2);
  return `public, max-age=0, s-maxage=${fresh}, stale-while-revalidate=${left - fresh}`;
});
const PUBLIC_NOT_FOUND = `public, max-age=0, s-maxage=${NOT_FOUND_MS / 1000}`;
export const PRIVATE = "private, no-store";

export function cacheControl(entry: Entry, now: number): string {
  if (entry.status === 404) return PUBLIC_NOT_FOUND;
  const age = Math.min(PUBLIC_BY_AGE.length - 1, Math.max(0, Math.ceil((now - entry.storedAt) / 1000)));
  return PUBLIC_BY_AGE[age];
}

/** br, then gzip, when the client accepts it (a `;q=0` refuses). */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return "identity";
  if (accepts(acceptEncoding, "br")) return "br";
  if (accepts(acceptEncoding, "gzip")) return "gzip";
  return "identity";
}

function accepts(header: string, coding: string): boolean {
  let at = header.indexOf(coding);
  while (at !== -1) {
    const before = at === 0 ? "," : header[at - 1];
    const after = header[at + coding.length];
    if (
      (before === "," || before === " ") &&
      (after === undefined || after === "," || after === ";" || after === " ")
    ) {
      const rest = header.slice(at + coding.length).split(",")[0];
      return !/;\s*q\s*=\s*0(\.0*)?\s*$/.test(rest);
    }
    at = header.indexOf(coding, at + 1);
  }
  return false;
}

/** RFC 9110 If-None-Match: `*`, or any listed tag equal to one of the copy's (weak comparison). */
export function notModified(ifNoneMatch: string | undefined, etags: readonly string[]): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  for (const raw of ifNoneMatch.split(",")) {
    const tag = raw.trim().replace(/^W\//, "");
    if (etags.includes(tag)) return true;
  }
  return false;
}

export type HitKind = "HIT" | "MISS" | "STALE";

export function serveEntry(
  entry: Entry,
  request: { method?: string; headers: Record<string, string | string[] | undefined> },
  res: ServerResponse,
  kind: HitKind,
  now = Date.now(),
) {
  const variant = entry.variants[chooseEncoding(request.headers["accept-encoding"] as string | undefined)];
  const control = cacheControl(entry, now);
  if (entry.status === 200 && notModified(request.headers["if-none-match"] as string | undefined, entry.etags)) {
    res.writeHead(304, ["ETag", variant.etag, "Cache-Control", control, "Vary", entry.vary, "X-Cache", kind]);
    return void res.end();
  }
  res.writeHead(entry.status, [...variant.headers, "Cache-Control", control, "X-Cache", kind]);
  if (request.method === "HEAD") res.end();
  else res.end(variant.body);
}
