import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { preparedArchives } from "@/db/schema";
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
