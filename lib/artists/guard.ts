import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { db } from "@/db";
import type { MemberRole } from "@/db/schema";
import { requireUser } from "@/lib/auth";
import { checkArtistAccess } from "./access";

/**
 * Dashboard pages and actions call this with the slug or id from the request. Anyone who is not a
 * member gets the same 404 as for a band that does not exist: nothing leaks.
 */
export async function requireArtistMember(ref: { slug: string } | { id: string }, need: MemberRole = "member") {
  const user = await requireUser("slug" in ref ? `/dashboard/${ref.slug}` : "/dashboard");
  const access = await accessOnce(user.id, "slug" in ref ? "slug" : "id", "slug" in ref ? ref.slug : ref.id, need);
  if (!access.allowed) notFound();
  return { user, artist: access.artist, role: access.role };
}

/** One membership check per render (the layout, its tab title and the page each ask), keyed by values. */
const accessOnce = cache((userId: string, by: "slug" | "id", value: string, need: MemberRole) =>
  checkArtistAccess(db, userId, by === "slug" ? { slug: value } : { id: value }, need),
);
