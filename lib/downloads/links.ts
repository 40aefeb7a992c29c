import { isDownloadFormat, type DownloadFormatId } from "@/lib/audio";
import { mac, macMatches, signingKey } from "./signing";

/**
 * Links to the files themselves. The download page signs them for one grant, one release, one
 * track (or "all" for the album zip) and one format, valid one hour: copied to a forum, a link
 * dies quickly and opens nothing else. The page itself stays reachable through the grant's token.
 */
export const FILE_LINK_TTL_SECONDS = 60 * 60;

export type FileLink = {
  grantId: string;
  releaseId: string;
  /** null: the whole release as a zip. */
  trackId: string | null;
  format: DownloadFormatId;
  /** Unix seconds. */
  expires: number;
};

export type FileLinkCheck = { ok: true; link: FileLink } | { ok: false; reason: "malformed" | "tampered" | "expired" };

const ID = /^[A-Za-z0-9-]{1,64}$/;
const ALL = "all";

type Options = { secret?: string; now?: Date };

function fields(link: FileLink) {
  return ["v1", link.grantId, link.releaseId, link.trackId ?? ALL, link.format, link.expires];
}

/** `<grantId>.<releaseId>.<trackId|all>.<format>.<expires>.<signature>`: one URL path segment. */
export function signFileLink(link: Omit<FileLink, "expires"> & { expires?: number }, options: Options = {}): string {
  const now = options.now ?? new Date();
  const full: FileLink = { ...link, expires: link.expires ?? Math.floor(now.getTime() / 1000) + FILE_LINK_TTL_SECONDS };
  for (const id of [full.grantId, full.releaseId, full.trackId ?? ALL]) {
    if (!ID.test(id)) throw new Error(`Cannot sign a download link for id ${JSON.stringify(id)}`);
  }
  const values = fields(full).slice(1);
  return [...values, mac(signingKey("file-link", options.secret), fields(full))].join(".");
}

export function fileLinkPath(signed: string) {
  return `/api/download/${signed}`;
}

export function fileLinkStatusPath(signed: string) {
  return `/api/download/${signed}/status`;
}

export function parseFileLink(raw: string): (FileLink & { signature: string }) | null {
  const parts = raw.split(".");
  if (parts.length !== 6) return null;
  const [grantId, releaseId, item, format, expires, signature] = parts;
  if (!ID.test(grantId) || !ID.test(releaseId) || !ID.test(item)) return null;
  if (!isDownloadFormat(format) || !/^\d{1,12}$/.test(expires) || !/^[A-Za-z0-9_-]{43}$/.test(signature)) return null;
  return { grantId, releaseId, trackId: item === ALL ? null : item, format, expires: Number(expires), signature };
}

/** Signature first (a changed expiry is a forgery, not an old link), then the clock. */
export function verifyFileLink(raw: string, options: Options = {}): FileLinkCheck {
  const parsed = parseFileLink(raw);
  if (!parsed) return { ok: false, reason: "malformed" };
  const { signature, ...link } = parsed;
  if (!macMatches(mac(signingKey("file-link", options.secret), fields(link)), signature))
    return { ok: false, reason: "tampered" };
  const now = options.now ?? new Date();
  if (link.expires * 1000 <= now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, link };
}
