import type { DbOrTx } from "@/db/client";
import type { Artist } from "@/db/schema";
import { checkArtistAccess } from "@/lib/artists";
import { currentUser } from "@/lib/auth";

/**
 * Route handlers (CSV files) cannot use the page guard's notFound(): they answer 404 themselves,
 * the same for a stranger, a member of another band, and a band that does not exist.
 */
export async function artistForDownload(db: DbOrTx, slug: string): Promise<Artist | null> {
  const user = await currentUser();
  if (!user) return null;
  const access = await checkArtistAccess(db, user.id, { slug });
  return access.allowed ? access.artist : null;
}

export const notFoundResponse = () =>
  new Response("Not found.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
