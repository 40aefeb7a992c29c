"use server";

import { getLocale } from "next-intl/server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/db";
import { getArtistBySlug } from "@/lib/artists";
import { payTestFanCheckout, startFanSubscription, testFanCheckout } from "@/lib/fan-subscriptions";
import { isLocale } from "@/lib/i18n";
import { localeHref } from "@/lib/i18n/locale-href";
import { logger } from "@/lib/log";
import { shopAvailable } from "@/lib/moderation";

/**
 * The fan's subscribe form and the test checkout's buttons. Public POSTs: the price comes from
 * the band's offer, never from the form; the test session id is the only key to its checkout.
 */
const slug = z.string().min(1).max(100);
const subscribeSchema = z.object({ artist: slug, interval: z.enum(["month", "year"]), email: z.string().max(320) });

async function back(artistSlug: string, query: string) {
  return localeHref(`/${encodeURIComponent(artistSlug)}/subscribe${query}`);
}

export async function subscribeAction(form: FormData) {
  const parsed = subscribeSchema.safeParse({
    artist: form.get("artist"),
    interval: form.get("interval"),
    email: form.get("email") ?? "",
  });
  const artistSlug = String(form.get("artist") ?? "");
  if (!parsed.success) redirect(await back(artistSlug, "?error=interval"));
  const artist = await getArtistBySlug(db, parsed.data.artist);
  if (!artist || !shopAvailable(artist)) redirect(await back(artistSlug, "?error=not_offered"));
  const locale = await getLocale();
  const result = await startFanSubscription(db, {
    artist,
    interval: parsed.data.interval,
    email: parsed.data.email,
    locale: isLocale(locale) ? locale : "en",
  }).catch((error: unknown) => {
    logger.error({ err: error, artistId: artist.id }, "fan subscription checkout could not start");
    return { ok: false, reason: "provider_failed" } as const;
  });
  redirect(result.ok ? result.url : await back(artist.slug, `?error=${result.reason}`));
}

const sessionSchema = z.object({ artist: slug, session: z.string().min(1).max(100), pay: z.enum(["1", "0"]) });

/** Pay / Decline on the test checkout page. */
export async function testFanCheckoutAction(form: FormData) {
  const parsed = sessionSchema.safeParse({
    artist: form.get("artist"),
    session: form.get("session"),
    pay: form.get("pay"),
  });
  if (!parsed.success) redirect(await back(String(form.get("artist") ?? ""), "?error=not_offered"));
  const artist = await getArtistBySlug(db, parsed.data.artist);
  const sub = await testFanCheckout(db, parsed.data.session);
  if (!artist || !sub || sub.artistId !== artist.id) redirect(await back(parsed.data.artist, "?error=not_offered"));
  if (parsed.data.pay === "0") redirect(await back(artist.slug, "?checkout=canceled"));
  const result = await payTestFanCheckout(db, parsed.data.session);
  redirect(await back(artist.slug, result.ok ? "?checkout=done" : "?error=provider_failed"));
}
