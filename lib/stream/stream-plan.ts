import { STREAM } from "@/lib/audio";
import { contentRange, notModified, requestedRange } from "@/lib/http/range";
import type { StreamAccess, StreamTarget } from "./stream-access";

/**
 * Published audio may be kept by browsers and CDNs for a while; a band that switches a track to
 * a clip or off is obeyed everywhere within this many seconds.
 */
export const PUBLIC_MAX_AGE = 600;

/**
 * What to answer to GET or HEAD /api/stream/<id>, free of any server: the Next route
 * (lib/stream/stream.ts) and the Node fast path (lib/stream/stream-node.ts) both send exactly this.
 * `span` is the inclusive byte range to send as the body, or null for no body.
 */
export type StreamPlan = {
  status: number;
  headers: Record<string, string>;
  span: { start: number; end: number } | null;
  text?: string;
};

export const NOT_FOUND: StreamPlan = {
  status: 404,
  headers: {
    "Content-Type": "text/plain; charset=utf-8",
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  },
  span: null,
  text: "Not found",
};

function baseHeaders(target: StreamTarget): Record<string, string> {
  return {
    "Accept-Ranges": "bytes",
    "Content-Type": STREAM.mime,
    ETag: target.etag,
    "Last-Modified": target.lastModified.toUTCString(),
    "Cache-Control": target.shared ? `public, max-age=${PUBLIC_MAX_AGE}` : "private, no-store",
    "X-Content-Type-Options": "nosniff",
  };
}

/** Reads one request header by its lower-case name. */
export type HeaderReader = (name: string) => string | null;

/**
 * 404 for anything the listener may not hear, otherwise RFC 9110 ranges over the bytes they may
 * hear (a clip ends where the clip ends).
 */
export function planStream(method: string, header: HeaderReader, access: StreamAccess): StreamPlan {
  if (!access.allowed) return NOT_FOUND;
  const { target } = access;
  const headers = baseHeaders(target);

  const current = { etag: target.etag, lastModified: target.lastModified };
  if (notModified({ ifNoneMatch: header("if-none-match"), ifModifiedSince: header("if-modified-since") }, current)) {
    return { status: 304, headers, span: null };
  }

  const decision = requestedRange(header, current, target.length);

  if (decision.kind === "unsatisfiable") {
    headers["Content-Range"] = contentRange(null, target.length);
    headers["Content-Length"] = "0";
    return { status: 416, headers, span: null };
  }

  const partial = decision.kind === "partial";
  const start = partial ? decision.start : 0;
  const end = partial ? decision.end : target.length - 1;
  const count = end - start + 1;
  // Next 16.4's sendResponse drops Content-Length from route handler responses and sends them
  // chunked; Content-Range still tells players the total. Set it anyway: it is the right answer,
  // and the fast path (and a future Next) pass it on.
  headers["Content-Length"] = String(count);
  if (partial) headers["Content-Range"] = contentRange(decision, target.length);
  // No body for HEAD or for an empty file.
  const span = method === "HEAD" || count === 0 ? null : { start, end };
  return { status: partial ? 206 : 200, headers, span };
}
