import { Readable } from "node:stream";
import type { StreamAccess } from "./stream-access";
import { NOT_FOUND, planStream, type StreamPlan } from "./stream-plan";
import { isMissingFile, readSpan } from "./stream-read";
import { planRedirect } from "./stream-redirect";

export {
  publishedStreamCache,
  resolveStream,
  streamEtag,
  STREAM_BYTES_PER_SECOND,
  type StreamAccess,
  type StreamTarget,
  type Viewer,
} from "./stream-access";
export { PUBLIC_MAX_AGE } from "./stream-plan";

const withoutBody = (plan: StreamPlan) =>
  new Response(plan.text ?? null, { status: plan.status, headers: plan.headers });

/**
 * The answer to GET or HEAD /api/stream/<id> as a web Response (the Next route): a redirect to
 * object storage (./stream-redirect.ts) or the bytes. The Node fast path in
 * lib/stream/stream-node.ts sends the same plans.
 */
export async function streamResponse(request: Request, access: StreamAccess): Promise<Response> {
  const redirect = await planRedirect(access);
  if (redirect) return withoutBody(redirect);
  const plan = planStream(request.method, (name) => request.headers.get(name), access);
  // A listener who has already left gets no body (a destroyed stream would make `new Response` throw).
  if (!plan.span || !access.allowed || request.signal.aborted) return withoutBody(plan);
  let body;
  try {
    body = await readSpan(access.target, plan.span.start, plan.span.end, request.signal);
  } catch (error) {
    // Deleted between the lookup and the read: the same 404 as a track that does not exist.
    if (isMissingFile(error)) return withoutBody(NOT_FOUND);
    throw error;
  }
  const payload =
    body === null ? null : body.kind === "buffer" ? body.data : (Readable.toWeb(body.source) as ReadableStream);
  return new Response(payload, { status: plan.status, headers: plan.headers });
}
