import type { IncomingMessage, ServerResponse } from "node:http";
import { pipeline } from "node:stream";
import type { DbOrTx } from "@/db/client";
import { logger } from "@/lib/log";
import { resolveStream } from "./stream-access";
import { NOT_FOUND, planStream, type StreamPlan } from "./stream-plan";
import { isMissingFile, readSpan } from "./stream-read";
import { planRedirect } from "./stream-redirect";

/**
 * Only plain ids are answered here; anything else (a trailing slash, an encoded character, a
 * query the route might one day read) goes to Next, which answers it as before.
 */
const STREAM_PATH = /^\/api\/stream\/([0-9A-Za-z-]{1,64})$/;

/** The track id when this request is one the fast path answers: GET or HEAD of a stream address. */
export function fastStreamTrackId(method: string | undefined, url: string | undefined): string | null {
  if ((method !== "GET" && method !== "HEAD") || !url) return null;
  return STREAM_PATH.exec(url)?.[1] ?? null;
}

function send(res: ServerResponse, plan: StreamPlan, body?: Uint8Array) {
  res.writeHead(plan.status, plan.headers);
  res.end(body ?? plan.text);
}

/**
 * The stream route answered straight from Node (lib/cli/server.ts), the same plan as the Next
 * route (lib/stream/stream.ts) without Next's per-request machinery, which capped seeking at a
 * fifth of what the disk and socket allow (issue 3). Drafts need the session cookie, which only
 * Next reads: for those it returns false and the caller hands the request to Next.
 */
export async function serveStream(
  db: DbOrTx,
  trackId: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> {
  const access = await resolveStream(db, trackId, null);
  if (!access.allowed && access.reason === "needs_session") return false;
  const redirect = await planRedirect(access);
  if (redirect) {
    send(res, redirect);
    return true;
  }
  const plan = planStream(
    req.method ?? "GET",
    (name) => {
      const value = req.headers[name];
      return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
    },
    access,
  );
  if (!plan.span || !access.allowed) {
    send(res, plan);
    return true;
  }

  const gone = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) gone.abort();
  });
  let body;
  try {
    body = await readSpan(access.target, plan.span.start, plan.span.end, gone.signal);
  } catch (error) {
    // Deleted between the lookup and the read: the same 404 as a track that does not exist.
    if (!isMissingFile(error)) throw error;
    send(res, NOT_FOUND);
    return true;
  }
  if (body === null) {
    res.destroy();
  } else if (body.kind === "buffer") {
    send(res, plan, body.data);
  } else {
    res.writeHead(plan.status, plan.headers);
    pipeline(body.source, res, (error) => {
      // readSpan logs storage faults; a listener leaving mid-file is routine.
      if (error && !gone.signal.aborted && error.code !== "ERR_STREAM_PREMATURE_CLOSE") {
        logger.warn({ err: error, trackId }, "stream: sending the audio file failed");
      }
    });
  }
  return true;
}
