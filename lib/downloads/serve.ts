import { Readable } from "node:stream";
import sharp from "sharp";
import type { DbOrTx } from "@/db/client";
import { env } from "@/lib/env";
import { contentRange, ifRangeAllows, parseRange } from "@/lib/http";
import { LOCALE_COOKIE, LOCALES, negotiateLocale, translator } from "@/lib/i18n";
import { logger } from "@/lib/log";
import { storage } from "@/lib/storage";
import { albumZipFilename, contentDisposition, trackFilename } from "./names";
import { prepareDownloads } from "./prepare";
import { cachedFiles, resolveFileLink, type LinkRefusal } from "./resolve";
import { zipStream } from "./zip";

const REFUSAL_STATUS: Record<LinkRefusal, number> = {
  malformed: 404,
  not_found: 404,
  empty: 404,
  tampered: 403,
  expired: 403,
  revoked: 410,
};

/** Files and refusals are for one fan only: never kept by a shared cache. */
const PRIVATE = {
  "Cache-Control": "private, no-store",
  "X-Content-Type-Options": "nosniff",
  "X-Robots-Tag": "noindex",
} as const;

function requestTranslator(request: Request) {
  const cookie = request.headers
    .get("cookie")
    ?.match(new RegExp(`(?:^|; )${LOCALE_COOKIE}=(${LOCALES.join("|")})`))?.[1];
  return translator(cookie ?? negotiateLocale(request.headers.get("accept-language"))).t;
}

function text(status: number, body: string) {
  return new Response(body, { status, headers: { ...PRIVATE, "Content-Type": "text/plain; charset=utf-8" } });
}

function json(status: number, body: Record<string, unknown>) {
  return Response.json(body, { status, headers: PRIVATE });
}

function refusalMessage(t: ReturnType<typeof requestTranslator>, reason: LinkRefusal) {
  return t(`downloads.api.${reason}`, { library: new URL("/library", env().APP_URL).href });
}

async function readAll(key: string) {
  const chunks: Buffer[] = [];
  for await (const chunk of await storage().read(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The release cover as cover.jpg for the zip (folder art for players), or nothing. Encoded once
 * from the largest stored variant and kept beside it, so a download does not run sharp again.
 */
async function coverJpeg(artworkKey: string | null): Promise<Buffer | null> {
  if (!artworkKey) return null;
  const cached = `${artworkKey}-zip.jpg`;
  if (await storage().stat(cached)) return readAll(cached);
  for (const suffix of ["1200", "600"]) {
    const key = `${artworkKey}-${suffix}.webp`;
    if (!(await storage().stat(key))) continue;
    const jpeg = await sharp(await readAll(key))
      .jpeg({ quality: 88 })
      .toBuffer();
    await storage().put(cached, jpeg, "image/jpeg");
    return jpeg;
  }
  return null;
}

/**
 * GET /api/download/<signed link>: one track as its file (byte ranges honoured, so a download
 * manager can resume), a release as a zip made on the fly. Files not made yet are queued and the
 * fan is sent back to the page, which shows the progress: no request waits for ffmpeg.
 */
export async function fileLinkResponse(db: DbOrTx, request: Request, raw: string): Promise<Response> {
  const t = requestTranslator(request);
  const resolved = await resolveFileLink(db, raw);
  if (!resolved.ok) return text(REFUSAL_STATUS[resolved.reason], refusalMessage(t, resolved.reason));
  const { contents, item, format } = resolved;
  const trackIds = item.tracks.map((track) => track.id);
  const { files, missing } = await cachedFiles(db, trackIds, format.id);
  if (missing.length) {
    const progress = await prepareDownloads(db, trackIds, format.id, { start: true });
    return text(
      409,
      t("downloads.api.preparing", {
        format: format.label,
        ready: progress.ready,
        total: progress.total,
        library: new URL("/library", env().APP_URL).href,
      }),
    );
  }
  const name = (track: (typeof item.tracks)[number]) =>
    trackFilename({
      position: track.position,
      trackCount: item.releaseTrackCount,
      artist: contents.artist.name,
      title: track.title,
      extension: format.extension,
    });

  if (item.trackId) {
    const track = item.tracks[0];
    const file = files[0];
    const etag = `"${file.createdAt.getTime().toString(36)}-${file.size.toString(36)}"`;
    const headers = new Headers({
      ...PRIVATE,
      "Content-Type": format.mime,
      "Content-Disposition": contentDisposition(name(track)),
      "Accept-Ranges": "bytes",
      ETag: etag,
      "Last-Modified": file.createdAt.toUTCString(),
    });
    const decision = ifRangeAllows(request.headers.get("if-range"), { etag, lastModified: file.createdAt })
      ? parseRange(request.headers.get("range"), file.size)
      : ({ kind: "full", reason: "absent" } as const);
    if (decision.kind === "unsatisfiable") {
      headers.set("Content-Range", contentRange(null, file.size));
      return new Response(null, { status: 416, headers });
    }
    const span = decision.kind === "partial" ? decision : { start: 0, end: file.size - 1 };
    if (decision.kind === "partial") headers.set("Content-Range", contentRange(decision, file.size));
    headers.set("Content-Length", String(span.end - span.start + 1));
    const source = await storage().read(file.key, span);
    request.signal.addEventListener("abort", () => source.destroy(), { once: true });
    return new Response(Readable.toWeb(source) as ReadableStream, {
      status: decision.kind === "partial" ? 206 : 200,
      headers,
    });
  }

  const mtime = item.release.releaseDate ? new Date(`${item.release.releaseDate}T12:00:00Z`) : item.release.createdAt;
  const cover = await coverJpeg(item.release.artworkKey).catch((error: Error) => {
    logger.warn({ err: error, releaseId: item.releaseId }, "download zip: cover art skipped");
    return null;
  });
  const { stream, size } = zipStream(
    item.tracks.map((track) => {
      const file = files.find((f) => f.trackId === track.id)!;
      return { name: name(track), key: file.key, size: file.size, mtime };
    }),
    cover ? [{ name: "cover.jpg", data: cover, mtime }] : [],
    request.signal,
  );
  const headers = new Headers({
    ...PRIVATE,
    "Content-Type": "application/zip",
    "Content-Disposition": contentDisposition(
      albumZipFilename({ artist: contents.artist.name, album: item.release.title, formatLabel: format.label }),
    ),
  });
  // Next 16.4's sendResponse drops Content-Length from route handlers (lib/stream/stream.ts says the
  // same); set it anyway, it is the right answer and other runtimes pass it on.
  if (size >= 0) headers.set("Content-Length", String(size));
  return new Response(Readable.toWeb(stream) as ReadableStream, { status: 200, headers });
}

/**
 * GET /api/download/<signed link>/status: where the files stand (JSON), read only.
 * POST: the same, after queueing what is missing (`{"retry": true}` also re-queues failures).
 */
export async function preparationResponse(db: DbOrTx, request: Request, raw: string): Promise<Response> {
  const t = requestTranslator(request);
  const resolved = await resolveFileLink(db, raw);
  if (!resolved.ok)
    return json(REFUSAL_STATUS[resolved.reason], {
      error: refusalMessage(t, resolved.reason),
      reason: resolved.reason,
    });
  const start = request.method === "POST";
  const retry = start && (await request.json().catch(() => ({}))).retry === true;
  const trackIds = resolved.item.tracks.map((track) => track.id);
  return json(200, await prepareDownloads(db, trackIds, resolved.format.id, { start, retry }));
}
