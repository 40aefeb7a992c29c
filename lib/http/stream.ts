import { Readable } from "node:stream";
import { STREAM } from "../audio/formats";
import { logger } from "../log";
import { storage } from "../storage";
import { contentRange, ifRangeAllows, notModified, parseRange } from "./range";
import type { StreamAccess, StreamTarget } from "./stream-access";

export { resolveStream, streamEtag, STREAM_BYTES_PER_SECOND, type StreamAccess, type StreamTarget, type Viewer } from "./stream-access";

/**
 * Published audio may be kept by browsers and CDNs for a while; a band that switches a track to
 * a clip or off is obeyed everywhere within this many seconds.
 */
export const PUBLIC_MAX_AGE = 600;

function baseHeaders(target: StreamTarget): Headers {
  return new Headers({
    "Accept-Ranges": "bytes",
    "Content-Type": STREAM.mime,
    ETag: target.etag,
    "Last-Modified": target.lastModified.toUTCString(),
    "Cache-Control": target.audience === "public" ? `public, max-age=${PUBLIC_MAX_AGE}` : "private, no-store",
    "X-Content-Type-Options": "nosniff",
  });
}

function notFound() {
  return new Response("Not found", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" },
  });
}

/**
 * Streams bytes [start, end] of the object without holding them: the file is read as the client
 * takes it, and closed as soon as the client goes away.
 */
async function body(target: StreamTarget, start: number, end: number, signal: AbortSignal): Promise<ReadableStream | null> {
  const source = await storage().read(target.key, { start, end });
  // Gone while the file was opening: close it and answer without a body (a destroyed stream
  // would make `new Response` throw).
  if (signal.aborted) {
    source.destroy();
    return null;
  }
  const stop = () => source.destroy();
  signal.addEventListener("abort", stop, { once: true });
  source.once("close", () => signal.removeEventListener("abort", stop));
  source.on("error", (error: NodeJS.ErrnoException) => {
    // A client hanging up mid-file is routine; anything else is a storage fault worth a look.
    if (signal.aborted || error.code === "ERR_STREAM_PREMATURE_CLOSE") return;
    logger.error({ err: error, trackId: target.trackId, key: target.key, start, end }, "stream: reading the audio file failed");
  });
  return Readable.toWeb(source) as ReadableStream;
}

/**
 * The answer to GET or HEAD /api/stream/<id>: 404 for anything the listener may not hear,
 * otherwise RFC 9110 ranges over the bytes they may hear (a clip ends where the clip ends).
 */
export async function streamResponse(request: Request, access: StreamAccess): Promise<Response> {
  if (!access.allowed) return notFound();
  const { target } = access;
  const headers = baseHeaders(target);
  const head = request.method === "HEAD";

  const current = { etag: target.etag, lastModified: target.lastModified };
  const conditional = { ifNoneMatch: request.headers.get("if-none-match"), ifModifiedSince: request.headers.get("if-modified-since") };
  if (notModified(conditional, current)) return new Response(null, { status: 304, headers });

  const rangeHeader = request.headers.get("range");
  const decision = ifRangeAllows(request.headers.get("if-range"), current)
    ? parseRange(rangeHeader, target.length)
    : ({ kind: "full", reason: "absent" } as const);

  if (decision.kind === "unsatisfiable") {
    headers.set("Content-Range", contentRange(null, target.length));
    headers.set("Content-Length", "0");
    return new Response(null, { status: 416, headers });
  }

  const partial = decision.kind === "partial";
  const start = partial ? decision.start : 0;
  const end = partial ? decision.end : target.length - 1;
  const count = end - start + 1;
  // Next 16.4's sendResponse drops Content-Length from route handler responses and sends them
  // chunked; Content-Range still tells players the total. Set it anyway: it is the right answer,
  // and other runtimes (and a future Next) pass it on.
  headers.set("Content-Length", String(count));
  if (partial) headers.set("Content-Range", contentRange(decision, target.length));
  const status = partial ? 206 : 200;
  // No body for HEAD, for an empty file, or for a listener who has already left.
  if (head || count === 0 || request.signal.aborted) return new Response(null, { status, headers });
  return new Response(await body(target, start, end, request.signal), { status, headers });
}
