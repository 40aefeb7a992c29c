import type { DbOrTx } from "@/db/client";
import { downloadFormat, type DownloadFormatId } from "@/lib/audio";
import { env } from "@/lib/env";
import { LOCALE_COOKIE, LOCALES, negotiateLocale, translator } from "@/lib/i18n";
import { storage } from "@/lib/storage";
import { archivePlan, archiveState } from "./archives";
import { loadGrantContents } from "./contents";
import { contentDisposition, itemTrackFilename } from "./names";
import { prepareDownloads, type Preparation } from "./prepare";
import { cachedFiles, resolveFileLink, type LinkRefusal } from "./resolve";

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

type Resolved = Extract<Awaited<ReturnType<typeof resolveFileLink>>, { ok: true }>;

/**
 * Where a link's download stands: first every track's file in the format (lib/downloads/prepare),
 * then for a release its zip, built once and stored (lib/downloads/archives). With `start`,
 * what is missing is queued. `target` is what a ready download redirects to.
 */
async function progress(
  db: DbOrTx,
  { contents, item, format }: Resolved,
  options: { start?: boolean; retry?: boolean },
): Promise<{ preparation: Preparation; target?: { key: string; contentType: string; name: string } }> {
  const trackIds = item.tracks.map((track) => track.id);
  // One read of the files (a row whose object has gone is dropped there and counts as missing).
  const cached = await cachedFiles(db, trackIds, format.id);
  if (cached.missing.length) {
    return { preparation: { ...(await prepareDownloads(db, trackIds, format.id, options)), step: "files" } };
  }
  const files: Preparation = { state: "ready", ready: trackIds.length, total: trackIds.length };
  if (item.trackId) {
    const [track] = item.tracks;
    const name = itemTrackFilename(contents.artist.name, item, track, format.extension);
    return {
      preparation: { ...files, size: cached.files[0].size },
      target: { key: cached.files[0].key, contentType: format.mime, name },
    };
  }
  const plan = archivePlan(contents, item, format, cached.files);
  const zip = await archiveState(db, { releaseId: item.releaseId, format, grantId: contents.grant.id, plan }, options);
  if (zip.state !== "ready") return { preparation: { ...files, state: zip.state, step: "archive" } };
  return {
    preparation: { ...files, size: zip.archive.size },
    target: { key: zip.archive.key, contentType: "application/zip", name: plan.name },
  };
}

export type ItemProgress =
  | { ok: true; preparation: Preparation; ready: boolean; format: DownloadFormatId }
  | { ok: false; reason: "not_found" | "revoked" | "empty" };

/**
 * Where one held item's download stands in a format, for code that acts for the fan rather than
 * through a signed link (a whole-collection export): the same checks and the same steps.
 */
export async function itemProgress(
  db: DbOrTx,
  target: { grantId: string; releaseId: string; trackId: string | null; format: DownloadFormatId },
  options: { start?: boolean; retry?: boolean; fallback?: boolean } = {},
): Promise<ItemProgress> {
  const contents = await loadGrantContents(db, target.grantId);
  if (!contents) return { ok: false, reason: "not_found" };
  if (contents.grant.revokedAt) return { ok: false, reason: "revoked" };
  const item = contents.items.find((i) => i.releaseId === target.releaseId && i.trackId === target.trackId);
  if (!item) return { ok: false, reason: "not_found" };
  // `fallback`: a release with a lossy master has no FLAC; it comes in its own default format.
  const offered = item.formats.some((f) => f.id === target.format);
  if (!offered && !options.fallback) return { ok: false, reason: "not_found" };
  if (!item.tracks.length) return { ok: false, reason: "empty" };
  const format = downloadFormat(offered ? target.format : item.defaultFormat);
  const link = { ...target, format: format.id, expires: 0 };
  const { preparation, target: file } = await progress(db, { ok: true, link, contents, item, format }, options);
  return { ok: true, preparation, ready: Boolean(file), format: format.id };
}

/**
 * GET /api/download/<signed link>: once the link is decided (signature, expiry, grant not
 * refunded, item and format held), a 302 to a short-lived signed address of the stored file —
 * the track's file, or the release's zip prepared once — which answers with its real
 * Content-Length and byte ranges (S3 presigned / CDN URL, or the local driver's /api/files).
 * Refusals sign nothing. Files not made yet are queued and the fan gets a 409: the page shows
 * the progress, no request waits for ffmpeg or the zip.
 */
export async function fileLinkResponse(db: DbOrTx, request: Request, raw: string): Promise<Response> {
  const t = requestTranslator(request);
  const resolved = await resolveFileLink(db, raw);
  if (!resolved.ok) return text(REFUSAL_STATUS[resolved.reason], refusalMessage(t, resolved.reason));
  const { preparation, target } = await progress(db, resolved, { start: true });
  if (!target) {
    const key = preparation.state === "failed" ? "downloads.api.failed" : "downloads.api.preparing";
    return text(
      409,
      t(key, {
        format: resolved.format.label,
        ready: preparation.ready,
        total: preparation.total,
        library: new URL("/library", env().APP_URL).href,
      }),
    );
  }
  const location = await storage().signedUrl(target.key, {
    expiresInSeconds: env().SIGNED_URL_SECONDS,
    contentType: target.contentType,
    disposition: contentDisposition(target.name),
  });
  return new Response(null, { status: 302, headers: { ...PRIVATE, Location: location } });
}

/**
 * GET /api/download/<signed link>/status: where the files and the zip stand (JSON), read only.
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
  return json(200, (await progress(db, resolved, { start, retry })).preparation);
}
