"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/db";
import { requireArtistMember } from "@/lib/artists/guard";
import { saveOffer, type OfferError, type OfferField, type OfferInput } from "@/lib/fan-subscriptions";

export type OfferFormState =
  | null
  | { ok: true }
  | { ok: false; fieldErrors: Partial<Record<OfferField, OfferError>>; values: OfferInput }
  | { ok: false; invalid: true };

const schema = z.object({
  artistId: z.string().min(1).max(64),
  monthly: z.string().max(40),
  yearly: z.string().max(40),
  description: z.string().max(10_000),
  backCatalogue: z.boolean(),
  active: z.boolean(),
});

/** The band's offer. A public POST: the caller must be a member of the band it names. */
export async function saveOfferAction(_state: OfferFormState, form: FormData): Promise<OfferFormState> {
  const { artist, user } = await requireArtistMember({ id: String(form.get("artistId") ?? "") });
  const parsed = schema.safeParse({
    artistId: form.get("artistId"),
    monthly: form.get("monthly") ?? "",
    yearly: form.get("yearly") ?? "",
    description: form.get("description") ?? "",
    backCatalogue: form.get("backCatalogue") === "on",
    active: form.get("active") === "on",
  });
  if (!parsed.success) return { ok: false, invalid: true };
  const { artistId: _artistId, ...input } = parsed.data;
  const result = await saveOffer(db, artist, input, { kind: "member", userId: user.id, email: user.email });
  if (result.ok) revalidatePath(`/dashboard/${artist.slug}/subscription`);
  // The typed values come back with the errors: React resets the form to them, not to the stored offer.
  return result.ok ? { ok: true } : { ok: false, fieldErrors: result.fieldErrors, values: input };
}
