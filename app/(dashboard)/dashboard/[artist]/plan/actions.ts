"use server";

import { getLocale } from "next-intl/server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/db";
import { requireArtistMember } from "@/lib/artists/guard";
import {
  cancelTestSubscription,
  failTestRenewal,
  openBillingPortal,
  payTestCheckout,
  renewTestSubscription,
  skipTestGrace,
  startUpgrade,
  testCheckoutSubscription,
  type TestBillingResult,
} from "@/lib/billing";
import { backOfficeLocale } from "@/lib/i18n";
import { logger } from "@/lib/log";

/**
 * The plan page's forms. Each is a public POST: only the band's owners may pay or cancel, checked
 * here whatever the page showed. Outcomes come back to the page as ?error= / ?notice= codes.
 */
const planPage = (slug: string, query = "") => `/dashboard/${encodeURIComponent(slug)}/plan${query}`;
const artistId = z.string().min(1).max(64);

const upgradeSchema = z.object({ artistId, interval: z.enum(["year", "month"]) });

export async function upgradeAction(form: FormData) {
  const parsed = upgradeSchema.safeParse({ artistId: form.get("artistId"), interval: form.get("interval") });
  const { artist, user } = await requireArtistMember({ id: String(form.get("artistId") ?? "") }, "owner");
  if (!parsed.success) redirect(planPage(artist.slug, "?error=interval"));
  const locale = backOfficeLocale(await getLocale());
  const actor = { kind: "member" as const, userId: user.id, email: user.email };
  const result = await startUpgrade(db, {
    artist,
    interval: parsed.data.interval,
    email: user.email,
    locale,
    actor,
  }).catch((error: unknown) => {
    logger.error({ err: error, artistId: artist.id }, "Pro checkout could not start");
    return { ok: false, reason: "provider_failed" } as const;
  });
  redirect(result.ok ? result.url : planPage(artist.slug, `?error=${result.reason}`));
}

export async function manageBillingAction(form: FormData) {
  const { artist } = await requireArtistMember({ id: String(form.get("artistId") ?? "") }, "owner");
  const result = await openBillingPortal(db, artist).catch((error: unknown) => {
    logger.error({ err: error, artistId: artist.id }, "billing portal could not open");
    return { ok: false, reason: "provider_failed" } as const;
  });
  redirect(result.ok ? result.url : planPage(artist.slug, `?error=${result.reason}`));
}

const testStepSchema = z.object({
  artistId,
  step: z.enum(["renew", "fail", "cancel", "skipGrace", "cancelAtEnd", "resume"]),
});

/** The "Test billing" panel and the test portal: what Stripe would do, played locally. */
export async function testBillingAction(form: FormData) {
  const parsed = testStepSchema.safeParse({ artistId: form.get("artistId"), step: form.get("step") });
  const { artist, user } = await requireArtistMember({ id: String(form.get("artistId") ?? "") }, "owner");
  if (!parsed.success) redirect(planPage(artist.slug, "?error=wrong_state"));
  const actor = { kind: "member" as const, userId: user.id, email: user.email };
  const step = parsed.data.step;
  const result: TestBillingResult =
    step === "renew"
      ? await renewTestSubscription(db, artist.id)
      : step === "fail"
        ? await failTestRenewal(db, artist.id)
        : step === "skipGrace"
          ? await skipTestGrace(db, artist.id)
          : await cancelTestSubscription(
              db,
              artist.id,
              actor,
              step === "cancel" ? "now" : step === "cancelAtEnd" ? "period_end" : "resume",
            );
  const back = step === "cancelAtEnd" || step === "resume" ? "/portal" : "";
  redirect(planPage(artist.slug, `${back}${result.ok ? "" : `?error=${result.reason}`}`));
}

const sessionSchema = z.object({ artistId, session: z.string().min(1).max(100), pay: z.enum(["1", "0"]) });

/** Pay / Decline on the test checkout page. */
export async function testCheckoutAction(form: FormData) {
  const parsed = sessionSchema.safeParse({
    artistId: form.get("artistId"),
    session: form.get("session"),
    pay: form.get("pay"),
  });
  const { artist } = await requireArtistMember({ id: String(form.get("artistId") ?? "") }, "owner");
  if (!parsed.success) redirect(planPage(artist.slug, "?error=not_found"));
  const sub = await testCheckoutSubscription(db, parsed.data.session);
  if (!sub || sub.artistId !== artist.id) redirect(planPage(artist.slug, "?error=not_found"));
  if (parsed.data.pay === "0") redirect(planPage(artist.slug, "?notice=declined"));
  const result = await payTestCheckout(db, parsed.data.session);
  redirect(planPage(artist.slug, result.ok ? "?checkout=done" : `?error=${result.reason}`));
}
