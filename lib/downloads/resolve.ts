import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { trackFiles } from "@/db/schema";
import { downloadFormat, type DownloadFormat, type DownloadFormatId } from "@/lib/audio";
import { storage } from "@/lib/storage";
import { loadGrantContents, type DownloadItem, type GrantContents } from "./contents";
import { verifyFileLink, type FileLink } from "./links";

export type LinkRefusal = "malformed" | "tampered" | "expired" | "revoked" | "not_found" | "empty";

export type ResolvedLink =
  | { ok: true; link: FileLink; contents: GrantContents; item: DownloadItem; format: DownloadFormat }
  | { ok: false; reason: LinkRefusal };

/**
 * A signed file link checked against the database as it is now: the grant still stands (a refund
 * revokes it), still holds this release or track, and the format is still offered.
 */
export async function resolveFileLink(db: DbOrTx, raw: string, now = new Date()): Promise<ResolvedLink> {
  const check = verifyFileLink(raw, { now });
  if (!check.ok) return check;
  const { link } = check;
  const contents = await loadGrantContents(db, link.grantId);
  if (!contents) return { ok: false, reason: "not_found" };
  if (contents.grant.revokedAt) return { ok: false, reason: "revoked" };
  const item = contents.items.find((i) => i.releaseId === link.releaseId && i.trackId === link.trackId);
  if (!item || !item.formats.some((f) => f.id === link.format)) return { ok: false, reason: "not_found" };
  if (!item.tracks.length) return { ok: false, reason: "empty" };
  return { ok: true, link, contents, item, format: downloadFormat(link.format) };
}

export type CachedFile = { trackId: string; key: string; size: number; createdAt: Date };

/**
 * The stored file of each track in this format, or the ids of those not made yet. A row whose
 * file has gone from storage is dropped here so that it gets made again.
 */
export async function cachedFiles(
  db: DbOrTx,
  trackIds: string[],
  format: DownloadFormatId,
): Promise<{ files: CachedFile[]; missing: string[] }> {
  const files: CachedFile[] = [];
  const missing: string[] = [];
  const rows = trackIds.length
    ? await db
        .select()
        .from(trackFiles)
        .where(and(inArray(trackFiles.trackId, trackIds), eq(trackFiles.format, format)))
    : [];
  for (const trackId of trackIds) {
    const row = rows.find((r) => r.trackId === trackId);
    const stored = row ? await storage().stat(row.key) : null;
    if (row && stored) {
      files.push({ trackId, key: row.key, size: stored.size, createdAt: row.createdAt });
    } else {
      if (row) await db.delete(trackFiles).where(eq(trackFiles.id, row.id));
      missing.push(trackId);
    }
  }
  return { files, missing };
}
