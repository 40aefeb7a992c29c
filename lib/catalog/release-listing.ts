import type { Db } from "@/db/client";
import { writeListing, type ListingWrite } from "./listing";
import { releaseForMember } from "./releases";

export type ListingResult = ListingWrite | { ok: false; error: "not_found" | "not_published" };

/**
 * A band chooses which published release its shop shows (a Free shop shows one). An unlisted
 * release leaves the shop grid, the shop widget and the sitemap; its page, widgets and every
 * purchase keep working at their address. Listing counts as publishing against the plan's limit.
 */
export async function setReleaseListed(
  db: Db,
  userId: string,
  releaseId: string,
  listed: boolean,
): Promise<ListingResult> {
  const current = await releaseForMember(db, userId, releaseId);
  if (!current) return { ok: false, error: "not_found" };
  if (current.status !== "published") return { ok: false, error: "not_published" };
  if (current.listed === listed) return { ok: true, release: current };
  return writeListing(db, current, { status: "published", listed });
}
