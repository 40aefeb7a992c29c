import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { fanProfiles, type FanProfile } from "@/db/schema";
import { checkSlug } from "@/lib/artists";
import { ownedItems } from "./owned";

export const DISPLAY_NAME_MAX = 60;

export async function fanProfile(db: DbOrTx, email: string): Promise<FanProfile | null> {
  const [row] = await db.select().from(fanProfiles).where(eq(fanProfiles.email, email.toLowerCase()));
  return row ?? null;
}

export type PublicPageInput = { public: boolean; displayName: string; slug: string };
export type PublicPageField = "displayName" | "slug";
export type PublicPageError = "required" | "too_long" | "too_short" | "format" | "reserved" | "taken";
export type PublicPageChange =
  { ok: true; profile: FanProfile } | { ok: false; fieldErrors: Partial<Record<PublicPageField, PublicPageError>> };

const nameSchema = z.string().trim().max(DISPLAY_NAME_MAX);

/**
 * Turns the public collection page on (with its name and address) or off. Turning it off keeps
 * the name and address for next time; nothing else of the fan's is ever shown there.
 */
export async function setPublicCollection(
  db: DbOrTx,
  email: string,
  input: PublicPageInput,
): Promise<PublicPageChange> {
  const owner = email.toLowerCase();
  const slug = input.slug.trim().toLowerCase();
  const name = nameSchema.safeParse(input.displayName);
  const fieldErrors: Partial<Record<PublicPageField, PublicPageError>> = {};
  if (!name.success) fieldErrors.displayName = "too_long";
  else if (input.public && !name.data) fieldErrors.displayName = "required";
  if (input.public || slug) {
    const check = slug ? checkSlug(slug) : ({ ok: false, reason: "required" } as const);
    if (!check.ok) fieldErrors.slug = check.reason;
  }
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  const values = {
    displayName: name.data ?? "",
    publicSlug: slug || null,
    collectionPublic: input.public,
    updatedAt: new Date(),
  };
  try {
    const [profile] = await db
      .insert(fanProfiles)
      .values({ email: owner, ...values })
      .onConflictDoUpdate({ target: fanProfiles.email, set: values })
      .returning();
    return { ok: true, profile };
  } catch (error) {
    // Another fan holds this address (the unique index decides, even between two at once).
    if (
      (error as { cause?: { code?: string }; code?: string }).cause?.code === "23505" ||
      (error as { code?: string }).code === "23505"
    )
      return { ok: false, fieldErrors: { slug: "taken" } };
    throw error;
  }
}

export type PublicCollection = {
  displayName: string;
  items: {
    key: string;
    artist: { name: string; slug: string };
    release: { title: string; slug: string; kind: string; artworkKey: string | null };
    trackTitle: string | null;
  }[];
};

/** What /fans/<slug> shows: names of bands and releases only (no address, no prices, no dates); null when off or unknown. */
export async function publicCollection(db: DbOrTx, slug: string): Promise<PublicCollection | null> {
  if (!checkSlug(slug.toLowerCase()).ok) return null;
  const [profile] = await db.select().from(fanProfiles).where(eq(fanProfiles.publicSlug, slug.toLowerCase()));
  if (!profile?.collectionPublic) return null;
  const items = await ownedItems(db, profile.email);
  return {
    displayName: profile.displayName,
    items: items.reverse().map((item) => ({
      key: `${item.releaseId}:${item.trackId ?? "all"}`,
      artist: item.artist,
      release: item.release,
      trackTitle: item.trackTitle,
    })),
  };
}
