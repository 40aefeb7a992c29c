import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { preparedArchives, trackFiles, type Track } from "@/db/schema";
import { audioKeys } from "@/lib/audio";
import { storage } from "@/lib/storage";

/**
 * A release's prepared album zips (lib/downloads/archives.ts), rows and objects, dropped when its
 * tracks (added, removed, reordered, retitled) or its title or artwork change. Their version
 * digest already keeps a stale zip from being served; this frees the storage at once.
 */
export async function discardPreparedArchives(db: DbOrTx, releaseId: string) {
  const gone = await db
    .delete(preparedArchives)
    .where(eq(preparedArchives.releaseId, releaseId))
    .returning({ key: preparedArchives.key });
  for (const archive of gone) await storage().delete(archive.key);
}

/**
 * A track's cached download files (every format) and its release's zips, dropped when what is
 * written into their tags changes (the lyrics): the next download makes them again. Rows first,
 * so no fan is sent to a file about to go.
 */
export async function discardTrackDownloads(db: DbOrTx, track: Pick<Track, "id" | "artistId" | "releaseId">) {
  await db.delete(trackFiles).where(eq(trackFiles.trackId, track.id));
  await storage().deletePrefix(audioKeys.downloadsPrefix(track.artistId, track.id));
  await discardPreparedArchives(db, track.releaseId);
}
