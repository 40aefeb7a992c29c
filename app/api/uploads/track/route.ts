import { Readable } from "node:stream";
import { getTranslations } from "next-intl/server";
import { db } from "@/db";
import { currentUser } from "@/lib/auth";
import { receiveTrackUpload, type UploadResult } from "@/lib/catalog/tracks";
import { parseUploadPlace } from "@/lib/catalog/upload-order";
import { env } from "@/lib/env";
import { checkWriteOrigin } from "@/lib/http/security";
import { logger } from "@/lib/log";

/**
 * One master per request, the file itself as the body (so the browser can show real progress and
 * cancel). Streams to storage; lib/catalog/tracks.ts decides by the bytes. Files picked together
 * carry their batch and place in it (X-Upload-Batch, X-Upload-Index) to keep the picked order.
 */
export async function POST(request: Request) {
  const t = await getTranslations("catalog.upload");
  const json = (status: number, body: Record<string, unknown>) =>
    Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
  // proxy.ts does not see this route (it would buffer the body): refuse cross-site posts here.
  const origin = checkWriteOrigin(
    "POST",
    "/api/uploads/track",
    request.headers.get("origin"),
    request.headers.get("x-forwarded-host") ?? request.headers.get("host"),
  );
  if (!origin.allowed) return new Response("This request came from another site and was refused.", { status: 403 });
  const user = await currentUser();
  const releaseId = new URL(request.url).searchParams.get("releaseId") ?? "";
  if (!user || !releaseId || !request.body) return json(404, { error: t("errors.not_found") });

  let filename: string;
  try {
    filename = decodeURIComponent(request.headers.get("x-filename") ?? "");
  } catch {
    filename = "";
  }
  const length = request.headers.get("content-length");
  const declared = length !== null && /^\d+$/.test(length) ? Number(length) : null;
  const body = Readable.fromWeb(request.body as import("node:stream/web").ReadableStream);

  let result: UploadResult;
  try {
    const place = parseUploadPlace(request.headers.get("x-upload-batch"), request.headers.get("x-upload-index"));
    result = await receiveTrackUpload(db, user.id, releaseId, filename, body, declared, place);
  } catch (error) {
    logger.error({ err: error, releaseId }, "upload failed");
    return json(500, { error: t("errors.unreadable") });
  }
  if (result.ok) {
    return json(201, {
      track: { id: result.track.id, title: result.track.title },
      lossy: result.lossy,
      note: result.lossy ? t("lossy") : null,
    });
  }
  const status = { not_found: 404, too_large: 413 }[result.reason as string] ?? 422;
  const message =
    result.reason === "too_large"
      ? t("errors.too_large", { max: env().MAX_UPLOAD_MB })
      : result.reason === "not_audio" && result.looksLike
        ? t("errors.not_audio_like", { looksLike: result.looksLike })
        : t(`errors.${result.reason}`);
  return json(status, { error: message, reason: result.reason });
}
