import type { IncomingMessage, ServerResponse } from "node:http";
import { pipeline, Readable } from "node:stream";
import { contentRange, requestedRange } from "@/lib/http/range";
import { logger } from "@/lib/log";
import { storage } from "./current";
import { FILE_URL_PREFIX, verifyFileToken } from "./file-token";
import type { ByteRange } from "./types";

/**
 * Answers the local driver's signed addresses, /api/files/<token> (lib/storage/file-token.ts), the
 * way a bucket answers a presigned URL: the token is the whole decision (the app decided before it
 * signed), then the file with its real Content-Length, byte ranges (206/416, If-Range on the ETag)
 * and the type and disposition sealed in the token. A bad token reads nothing.
 *
 * Cache-Control is `private, no-store`: the address dies within minutes and names one fan's
 * purchase, so no shared cache may keep it and a browser has no use for a copy it cannot ask again.
 */
export type FilePlan = {
  status: number;
  headers: Record<string, string>;
  /** A short human text (refusals). */
  text?: string;
  /** What to send: the key and the inclusive span (none for HEAD, 304-like or refusals). */
  body?: { key: string; span: ByteRange };
};

const BASE = {
  "Cache-Control": "private, no-store",
  "X-Content-Type-Options": "nosniff",
  "X-Robots-Tag": "noindex",
} as const;

const refusal = (status: number, text: string): FilePlan => ({
  status,
  text,
  headers: { ...BASE, "Content-Type": "text/plain; charset=utf-8" },
});

const REFUSALS = {
  malformed: refusal(404, "This file address does not exist."),
  tampered: refusal(403, "This file address has been altered, so it does not open anything."),
  expired: refusal(403, "This file address has expired. Go back to the page you came from for a fresh one."),
  missing: refusal(404, "This file is no longer stored here."),
} as const;

/** The token of a /api/files/<token> request the Node fast path answers, or null. */
const FILE_PATH = /^\/api\/files\/([A-Za-z0-9_-]{1,2048}\.[A-Za-z0-9_-]{43})$/;
export function fastFileToken(method: string | undefined, url: string | undefined): string | null {
  if ((method !== "GET" && method !== "HEAD") || !url?.startsWith(FILE_URL_PREFIX)) return null;
  return FILE_PATH.exec(url)?.[1] ?? null;
}

/** What to answer for a signed file address; storage is touched only once the token holds. */
export async function planFile(
  method: string,
  token: string,
  header: (name: string) => string | null,
  now = new Date(),
): Promise<FilePlan> {
  if (method !== "GET" && method !== "HEAD") {
    return {
      ...refusal(405, "Only GET and HEAD are answered here."),
      headers: { ...REFUSALS.malformed.headers, Allow: "GET, HEAD" },
    };
  }
  const check = verifyFileToken(token, now);
  if (!check.ok) return REFUSALS[check.reason];
  const { file } = check;
  const stored = await storage().stat(file.key);
  if (!stored) return REFUSALS.missing;
  const etag = `"${stored.modifiedAt.getTime().toString(36)}-${stored.size.toString(36)}"`;
  const headers: Record<string, string> = {
    ...BASE,
    "Content-Type": file.contentType ?? "application/octet-stream",
    "Content-Disposition": file.disposition ?? "inline",
    "Accept-Ranges": "bytes",
    ETag: etag,
    "Last-Modified": stored.modifiedAt.toUTCString(),
  };
  const decision = requestedRange(header, { etag, lastModified: stored.modifiedAt }, stored.size);
  if (decision.kind === "unsatisfiable") {
    return {
      status: 416,
      headers: { ...headers, "Content-Range": contentRange(null, stored.size), "Content-Length": "0" },
    };
  }
  const span =
    decision.kind === "partial" ? { start: decision.start, end: decision.end } : { start: 0, end: stored.size - 1 };
  if (decision.kind === "partial") headers["Content-Range"] = contentRange(span, stored.size);
  headers["Content-Length"] = String(stored.size === 0 ? 0 : span.end - span.start + 1);
  const status = decision.kind === "partial" ? 206 : 200;
  return { status, headers, body: method === "GET" && stored.size > 0 ? { key: file.key, span } : undefined };
}

const isMissing = (error: unknown) =>
  (error as { code?: string })?.code === "ENOENT" || (error as { name?: string })?.name === "NoSuchKey";

/** The Node fast path (lib/cli/server.ts): Content-Length reaches the fan, unlike a Next route's. */
export async function serveFileNode(token: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const plan = await planFile(req.method ?? "GET", token, (name) => {
    const value = req.headers[name];
    return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
  });
  if (!plan.body) {
    res.writeHead(plan.status, plan.headers);
    return void res.end(plan.text);
  }
  let source: Readable;
  try {
    source = await storage().read(plan.body.key, plan.body.span);
  } catch (error) {
    if (!isMissing(error)) throw error;
    res.writeHead(404, REFUSALS.missing.headers);
    return void res.end(REFUSALS.missing.text);
  }
  res.writeHead(plan.status, plan.headers);
  pipeline(source, res, (error) => {
    if (error && error.code !== "ERR_STREAM_PREMATURE_CLOSE")
      logger.warn({ err: error }, "files: sending a file failed");
  });
}

/** The same answer as a web Response, for the Next route (app/api/files/[token]). */
export async function fileResponse(request: Request, token: string): Promise<Response> {
  const plan = await planFile(request.method, token, (name) => request.headers.get(name));
  if (!plan.body) return new Response(plan.text ?? null, { status: plan.status, headers: plan.headers });
  let source: Readable;
  try {
    source = await storage().read(plan.body.key, plan.body.span);
  } catch (error) {
    // Deleted between the stat and the read: the same answer as the fast path's.
    if (!isMissing(error)) throw error;
    return new Response(REFUSALS.missing.text, { status: 404, headers: REFUSALS.missing.headers });
  }
  request.signal.addEventListener("abort", () => source.destroy(), { once: true });
  return new Response(Readable.toWeb(source) as ReadableStream, { status: plan.status, headers: plan.headers });
}
