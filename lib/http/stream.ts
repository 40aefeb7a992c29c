import { Readable } from "node:stream";
import { STREAM } from "../audio/formats";
import { logger } from "../log";
import { storage } from "../storage";
import { contentRange, ifRangeAllows, notModified, parseRange } from "./range";
import { publishedStreamCache, type StreamAccess, type StreamTarget } from "./stream-access";

export { publishedStreamCache, resolveStream, streamEtag, STREAM_BYTES_PER_SECOND, type StreamAccess, type StreamTarget, type Viewer } from "./stream-access";

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
 * Ranges up to this size (a player's seek asks for far less) are read whole and sent as one
 * Buffer: turning a one-chunk file stream into a web stream cost more than reading it.
 */
const BUFFERED_RANGE_BYTES = 512 * 1024;

/** Reads a small range into memory, or null when the listener left meanwhile (the file is closed). */
function collect(source: Readable, signal: AbortSignal, count: number): Promise<Uint8Array<ArrayBuffer> | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const stop = () => {
      source.destroy();
      resolve(null);
    };
    signal.addEventListener("abort", stop, { once: true });
    source.on("data", (chunk: Buffer) => chunks.push(chunk));
    // File streams hand out Buffers over plain (never shared) ArrayBuffers, which Response takes.
    source.once("end", () => resolve((chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, count)) as Uint8Array<ArrayBuffer>));
    source.once("error", reject);
    source.once("close", () => signal.removeEventListener("abort", stop));
  });
}

/**
 * Bytes [start, end] of the object. Big spans are streamed without holding them: the file is
 * read as the client takes it, and closed as soon as the client goes away.
 */
async function body(target: StreamTarget, start: number, end: number, signal: AbortSignal): Promise<ReadableStream | Uint8Array<ArrayBuffer> | null> {
  const source = await storage().read(target.key, { start, end });
  // Gone while the file was opening: close it and answer without a body (a destroyed stream
  // would make `new Response` throw).
  if (signal.aborted) {
    source.destroy();
    return null;
  }
  const failed = (error: NodeJS.ErrnoException) => {
    // A client hanging up mid-file is routine; anything else is a storage fault worth a look.
    if (signal.aborted || error.code === "ERR_STREAM_PREMATURE_CLOSE") return;
    // The file went away under a cached answer (a new rendition, a deleted track): ask again next time.
    publishedStreamCache.forget(target.trackId);
    logger.error({ err: error, trackId: target.trackId, key: target.key, start, end }, "stream: reading the audio file failed");
  };
  if (end - start + 1 <= BUFFERED_RANGE_BYTES) {
    return collect(source, signal, end - start + 1).catch((error: NodeJS.ErrnoException) => {
      failed(error);
      throw error;
    });
  }
  const stop = () => source.destroy();
  signal.addEventListener("abort", stop, { once: true });
  source.once("close", () => signal.removeEventListener("abort", stop));
  source.on("error", failed);
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
  try {
    return new Response(await body(target, start, end, request.signal), { status, headers });
  } catch (error) {
    // Deleted between the lookup and the read: the same 404 as a track that does not exist.
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return notFound();
    throw error;
  }
}
