"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/db";
import { requireUser } from "@/lib/auth";
import { artistSlugOfRelease } from "@/lib/catalog/listing";
import { setReleaseListed } from "@/lib/catalog/release-listing";
import { setReleasePrices } from "@/lib/catalog/release-prices";
import { createRelease, deleteRelease, setReleaseStatus, updateRelease } from "@/lib/catalog/releases";
import { deleteTrack, reorderTracks, retryTrackProcessing, updateTrack } from "@/lib/catalog/tracks";
import { env } from "@/lib/env";
import { maxImageBytes } from "@/lib/images";
import { isSmallArtwork, RECOMMENDED_ARTWORK_PX, sizeMb } from "@/lib/images/limits";
import { upgradePath } from "@/lib/plans";
import { releaseIfDue } from "@/lib/release-day";

/** Every action here is a public POST endpoint: each one checks membership in lib/catalog. */
export type FormState =
  | null
  | { ok: true; message?: string; warning?: string }
  | {
      ok: false;
      error?: string;
      fieldErrors?: Record<string, string>;
      values?: Record<string, string>;
      fix?: { href: string; label: string };
    };

const FIELDS = ["title", "slug", "kind", "releaseDate", "description", "credits", "catalogNumber"] as const;
/** Sent only by the editor's price section; without them a release keeps its price. */
const PRICE_FIELDS = ["pricingMode", "priceAmount", "priceMinimum"] as const;
const str = (form: FormData, key: string) => String(form.get(key) ?? "");
const present = (form: FormData, keys: readonly string[]) =>
  Object.fromEntries(keys.filter((k) => form.has(k)).map((k) => [k, str(form, k)]));

async function coverBytes(form: FormData): Promise<Buffer | null | { tooLarge: number }> {
  const file = form.get("artwork");
  if (!(file instanceof File) || file.size === 0) return null;
  if (file.size > maxImageBytes()) return { tooLarge: file.size };
  return Buffer.from(await file.arrayBuffer());
}

/** The message the browser gives before sending (components/ui/image-files.ts), word for word. */
async function tooLargeErrors(bytes: number) {
  return {
    artwork: (await getTranslations("errors"))("image_too_large", { size: sizeMb(bytes), max: env().MAX_IMAGE_MB }),
  };
}

async function describe(fieldErrors: Record<string, string>) {
  const [t, price] = await Promise.all([getTranslations("catalog.errors"), getTranslations("selling.errors")]);
  // Price codes (money_*, suggested_below_minimum…) live with the selling messages.
  return Object.fromEntries(
    Object.entries(fieldErrors).map(([k, code]) => [
      k,
      t.has(code as "title_required") ? t(code as "title_required") : price(code as "money_format"),
    ]),
  );
}

export async function createReleaseAction(_prev: FormState, form: FormData): Promise<FormState> {
  const user = await requireUser();
  const values = Object.fromEntries(FIELDS.map((f) => [f, str(form, f)]));
  const cover = await coverBytes(form);
  if (cover && "tooLarge" in cover) return { ok: false, fieldErrors: await tooLargeErrors(cover.tooLarge), values };
  const result = await createRelease(db, user.id, str(form, "artistId"), values, cover);
  if (!result.ok) {
    if (result.error === "not_found")
      return { ok: false, error: (await getTranslations("catalog.errors"))("not_found"), values };
    return { ok: false, fieldErrors: await describe(result.fieldErrors), values };
  }
  redirect(`/dashboard/${str(form, "artistSlug")}/releases/${result.release.id}`);
}

export async function updateReleaseAction(_prev: FormState, form: FormData): Promise<FormState> {
  const user = await requireUser();
  const values = { ...Object.fromEntries(FIELDS.map((f) => [f, str(form, f)])), ...present(form, PRICE_FIELDS) };
  const cover = await coverBytes(form);
  if (cover && "tooLarge" in cover) return { ok: false, fieldErrors: await tooLargeErrors(cover.tooLarge), values };
  const result = await updateRelease(db, user.id, str(form, "releaseId"), values, {
    bytes: cover,
    remove: form.get("removeArtwork") === "on",
  });
  if (!result.ok) {
    if (result.error === "not_found")
      return { ok: false, error: (await getTranslations("catalog.errors"))("not_found"), values };
    return { ok: false, fieldErrors: await describe(result.fieldErrors), values };
  }
  revalidatePath("/dashboard", "layout");
  const t = await getTranslations("catalog.form");
  // Small artwork is saved (a band may have nothing better yet), with a word about it.
  const small = result.artworkSize && isSmallArtwork(result.artworkSize) ? result.artworkSize : null;
  return {
    ok: true,
    message: t("saved"),
    ...(small ? { warning: t("artworkSmall", { ...small, min: RECOMMENDED_ARTWORK_PX }) } : {}),
  };
}

export async function setReleaseStatusAction(_prev: FormState, form: FormData): Promise<FormState> {
  const user = await requireUser();
  const status = str(form, "status") === "published" ? "published" : "draft";
  const result = await setReleaseStatus(db, user.id, str(form, "releaseId"), status);
  if (!result.ok) {
    const t = await getTranslations("catalog.publishErrors");
    // The message leads to the field that fixes it (ids from PricingFields and the track list's heading).
    if (result.error === "release_unpriced")
      return { ok: false, error: t("release_unpriced"), fix: { href: "#release-priceAmount", label: t("setPrice") } };
    if (result.error === "track_unpriced")
      return {
        ok: false,
        error: t("track_unpriced", { title: result.track.title }),
        fix: { href: "#tracks-title", label: t("openTracks") },
      };
    if (result.error === "plan_limit") return planLimitRefusal(str(form, "releaseId"));
    return { ok: false, error: t(result.error) };
  }
  // Out now unless a release day is still to come (then the release job brings it out).
  if (status === "published") await releaseIfDue(db, result.release.id);
  revalidatePath("/", "layout");
  return { ok: true };
}

/** The Free plan's refusal, linking to the band's plan page (the release's own band, never one from the form). */
async function planLimitRefusal(releaseId: string): Promise<FormState> {
  const [t, slug] = await Promise.all([getTranslations("plans.limit"), artistSlugOfRelease(db, releaseId)]);
  return {
    ok: false,
    error: t("plan_limit"),
    ...(slug ? { fix: { href: upgradePath(slug), label: t("upgrade") } } : {}),
  };
}

const listingSchema = z.object({ releaseId: z.string().uuid(), listed: z.enum(["true", "false"]) });

/** Show a published release on the shop or take it off (a Free shop shows one). */
export async function setReleaseListedAction(_prev: FormState, form: FormData): Promise<FormState> {
  const user = await requireUser();
  const t = await getTranslations("plans.limit");
  const parsed = listingSchema.safeParse({ releaseId: str(form, "releaseId"), listed: str(form, "listed") });
  if (!parsed.success) return { ok: false, error: (await getTranslations("catalog.publishErrors"))("not_found") };
  const result = await setReleaseListed(db, user.id, parsed.data.releaseId, parsed.data.listed === "true");
  if (!result.ok) {
    if (result.error === "plan_limit") return planLimitRefusal(parsed.data.releaseId);
    if (result.error === "not_published") return { ok: false, error: t("not_published") };
    return { ok: false, error: (await getTranslations("catalog.publishErrors"))("not_found") };
  }
  revalidatePath("/", "layout");
  return { ok: true };
}

export async function deleteReleaseAction(form: FormData) {
  const user = await requireUser();
  await deleteRelease(db, user.id, str(form, "releaseId"));
  revalidatePath("/", "layout");
  redirect(`/dashboard/${str(form, "artistSlug")}/releases`);
}

export async function updateTrackAction(_prev: FormState, form: FormData): Promise<FormState> {
  const user = await requireUser();
  const values: Record<string, string> = {
    title: str(form, "title"),
    lyrics: str(form, "lyrics"),
    isrc: str(form, "isrc"),
    streaming: str(form, "streaming"),
    clipSeconds: str(form, "clipSeconds"),
  };
  // The editor always shows the "sold on its own" box; an unticked box sends nothing, which means "off".
  if (form.has("trackPricing"))
    Object.assign(values, { soldAlone: form.get("soldAlone") === "on" ? "on" : "off" }, present(form, PRICE_FIELDS));
  const result = await updateTrack(db, user.id, str(form, "trackId"), values);
  if (!result.ok) {
    if (result.error === "not_found")
      return { ok: false, error: (await getTranslations("catalog.errors"))("not_found"), values };
    return { ok: false, fieldErrors: await describe(result.fieldErrors), values };
  }
  revalidatePath("/", "layout");
  return { ok: true, message: (await getTranslations("catalog.track"))("saved") };
}

export async function deleteTrackAction(form: FormData) {
  const user = await requireUser();
  await deleteTrack(db, user.id, str(form, "trackId"));
  revalidatePath("/", "layout");
}

export async function retryTrackAction(form: FormData) {
  const user = await requireUser();
  await retryTrackProcessing(db, user.id, str(form, "trackId"));
  revalidatePath("/dashboard", "layout");
}

const orderSchema = z.object({ releaseId: z.string().min(1), trackIds: z.array(z.string().min(1)).max(500) });

export async function reorderTracksAction(input: {
  releaseId: string;
  trackIds: string[];
}): Promise<{ ok: boolean; error?: string }> {
  const user = await requireUser();
  const parsed = orderSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: (await getTranslations("catalog.errors"))("order_invalid") };
  const result = await reorderTracks(db, user.id, parsed.data.releaseId, parsed.data.trackIds);
  if (!result.ok)
    return {
      ok: false,
      error: (await getTranslations("catalog.errors"))(result.error === "invalid" ? "order_invalid" : "not_found"),
    };
  revalidatePath("/", "layout");
  return { ok: true };
}

export async function updateReleasePricesAction(_prev: FormState, form: FormData): Promise<FormState> {
  const user = await requireUser();
  const values = present(form, [...PRICE_FIELDS, "trackPrice", "tracksMixed"]);
  const result = await setReleasePrices(db, user.id, str(form, "releaseId"), values);
  const t = await getTranslations("firstRun.price");
  if (!result.ok) {
    if (result.error === "not_found")
      return { ok: false, error: (await getTranslations("catalog.errors"))("not_found"), values };
    return { ok: false, error: t("checkFields"), fieldErrors: await describe(result.fieldErrors), values };
  }
  revalidatePath("/", "layout");
  return { ok: true, message: t("saved") };
}
