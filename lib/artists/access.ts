import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { artistMembers, artists, type Artist, type MemberRole } from "@/db/schema";

export type Access =
  | { allowed: true; artist: Artist; role: MemberRole }
  | { allowed: false; reason: "not_found" | "not_member" | "not_owner" };

/**
 * The one membership check every dashboard read and write goes through. `artistRef` is the id
 * or the slug taken from the request; it is never trusted without a membership row.
 */
export async function checkArtistAccess(
  db: DbOrTx,
  userId: string,
  artistRef: { id: string } | { slug: string },
  need: MemberRole = "member",
): Promise<Access> {
  const [row] = await db
    .select({ artist: artists, role: artistMembers.role })
    .from(artists)
    .leftJoin(artistMembers, and(eq(artistMembers.artistId, artists.id), eq(artistMembers.userId, userId)))
    .where("id" in artistRef ? eq(artists.id, artistRef.id) : eq(artists.slug, artistRef.slug))
    .limit(1);
  if (!row) return { allowed: false, reason: "not_found" };
  if (!row.role) return { allowed: false, reason: "not_member" };
  if (need === "owner" && row.role !== "owner") return { allowed: false, reason: "not_owner" };
  return { allowed: true, artist: row.artist, role: row.role };
}
