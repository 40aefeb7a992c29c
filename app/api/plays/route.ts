import { z } from "zod";
import { db } from "@/db";
import { clientIp } from "@/lib/auth/client-ip";
import { countryOfIp } from "@/lib/geo";
import { countryFrom, recordPlay } from "@/lib/plays";

const playSchema = z.object({
  trackId: z.string().min(1).max(64),
  seconds: z.number().finite().min(0).max(86_400),
  source: z.enum(["shop", "embed"]).default("shop"),
  host: z.string().max(300).optional(),
  listenId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,64}$/)
    .optional(),
});

/** A beacon is a few dozen bytes; anything much larger is not from our player. */
const MAX_BODY_BYTES = 2048;

/** The body as text, or null once it passes MAX_BODY_BYTES (never reads further). */
async function readSmallBody(request: Request): Promise<string | null> {
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function problem(status: number, error: string, headers: Record<string, string> = {}) {
  return Response.json({ error }, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

/**
 * Play reports from the player: JSON from fetch, or the same JSON as text/plain from
 * navigator.sendBeacon (which cannot set a JSON content type without a CORS preflight).
 */
export async function POST(request: Request) {
  const body = await readSmallBody(request);
  if (body === null) return problem(413, "A play report is a small JSON object.");
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return problem(400, "The body must be JSON: { trackId, seconds, source?, host?, listenId? }.");
  }
  const parsed = playSchema.safeParse(json);
  if (!parsed.success) {
    return problem(
      400,
      'Expected { trackId: string, seconds: number ≥ 0, source?: "shop" | "embed", host?: string, listenId?: 16 to 64 letters, digits, - or _ }.',
    );
  }

  const ip = clientIp(request.headers);
  const result = await recordPlay(db, parsed.data, {
    ip,
    userAgent: request.headers.get("user-agent") ?? "",
    country: countryFrom(request.headers) ?? (await countryOfIp(ip)),
  });
  if (result.ok) return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
  if (result.reason === "rate_limited") {
    return problem(429, "Too many plays reported from this listener; try again later.", {
      "Retry-After": String(result.retryAfterSeconds),
    });
  }
  return problem(404, "No published, playable track has this id.");
}
