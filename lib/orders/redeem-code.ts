import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { artists, downloadCodes, orderItems, orders, releases } from "@/db/schema";
import { normalizeCode } from "@/lib/codes";
import { unseal } from "@/lib/crypto";
import type { Locale } from "@/lib/i18n/config";
import { releaseAvailable } from "@/lib/moderation";
import { feeFor } from "@/lib/plans";
import { hit, release, type Limit } from "@/lib/rate-limit";
import { downloadPageUrl } from "./download-grants";
import { DOWNLOAD_TOKEN_PURPOSE, fulfillOrder } from "./fulfill";

/** Ten wrong or spent codes per quarter hour and address: a fan with a smudged card is fine, a guesser is not. */
export const redeemLimit: Limit = { max: 10, windowSeconds: 15 * 60 };

export type RedeemResult =
  | { ok: true; downloadUrl: string; releaseTitle: string; artistName: string; orderId: string }
  | { ok: false; reason: "unknown" | "used" | "unavailable" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/**
 * One code, one download. The conditional UPDATE (`redeemed_at is null`) lets exactly one of any
 * number of simultaneous attempts through; the winner gets a paid order of nothing (provider
 * "code", source "code", so it counts in the band's figures) fulfilled by the shared fulfilment,
 * which opens the download and mails the receipt. `artistId` limits the code to one band's page.
 */
export async function redeemCode(
  db: DbOrTx,
  input: { code: string; email: string; subscribe: boolean; locale: Locale; ip: string; artistId?: string },
): Promise<RedeemResult> {
  const key = `redeem:ip:${input.ip}`;
  // Counted before the code is looked up (one atomic increment), so simultaneous guesses cannot
  // all pass under the limit; a code that worked gives its hit back.
  const state = await hit(db, key, redeemLimit);
  if (!state.allowed) return { ok: false, reason: "rate_limited", retryAfterSeconds: state.retryAfterSeconds };
  const code = normalizeCode(input.code);
  const email = input.email.trim().toLowerCase();
  const result = await db.transaction(async (tx): Promise<RedeemResult> => {
    const scope = input.artistId ? eq(downloadCodes.artistId, input.artistId) : undefined;
    // A code for a taken-down release or a suspended shop is refused and stays unused (it may
    // work again if the operator restores it).
    const [target] = await tx
      .select({ status: artists.status, takenDownAt: releases.takenDownAt })
      .from(downloadCodes)
      .innerJoin(releases, eq(releases.id, downloadCodes.releaseId))
      .innerJoin(artists, eq(artists.id, releases.artistId))
      .where(and(eq(downloadCodes.code, code), isNull(downloadCodes.redeemedAt), scope))
      .limit(1);
    if (target && !releaseAvailable(target, target)) return { ok: false, reason: "unavailable" };
    const [won] = await tx
      .update(downloadCodes)
      .set({ redeemedAt: new Date(), redeemedEmail: email })
      .where(and(eq(downloadCodes.code, code), isNull(downloadCodes.redeemedAt), scope))
      .returning();
    if (!won) {
      const [seen] = code
        ? await tx
            .select({ id: downloadCodes.id })
            .from(downloadCodes)
            .where(and(eq(downloadCodes.code, code), scope))
            .limit(1)
        : [];
      return { ok: false, reason: seen ? "used" : "unknown" };
    }
    const [found] = await tx
      .select({ release: releases, artistName: artists.name })
      .from(releases)
      .innerJoin(artists, eq(artists.id, releases.artistId))
      .where(eq(releases.id, won.releaseId));
    // A redemption pays no fee, but records the plan and rate in force like every other order.
    const { plan, basisPoints } = await feeFor(tx, won.artistId);
    const [order] = await tx
      .insert(orders)
      .values({
        artistId: won.artistId,
        plan,
        feeBasisPoints: basisPoints,
        email,
        currency: found.release.currency,
        subtotal: 0,
        total: 0,
        provider: "code",
        providerSessionId: `code_${won.id}`,
        source: "code",
        subscribe: input.subscribe,
        locale: input.locale,
        expiresAt: new Date(),
      })
      .returning({ id: orders.id });
    await tx.insert(orderItems).values({
      orderId: order.id,
      kind: "release",
      releaseId: won.releaseId,
      title: found.release.title,
      unitAmount: 0,
      currency: found.release.currency,
    });
    const fulfilled = await fulfillOrder(tx, order.id, { paymentId: `code_${won.id}` });
    if (fulfilled.outcome !== "fulfilled")
      throw new Error(`code order ${order.id} could not be fulfilled: ${fulfilled.outcome}`);
    await tx.update(downloadCodes).set({ orderId: order.id }).where(eq(downloadCodes.id, won.id));
    const token = fulfilled.order.downloadTokenSealed ?? (await sealedToken(tx, order.id));
    const plain = token ? unseal(DOWNLOAD_TOKEN_PURPOSE, token) : null;
    if (!plain) throw new Error(`code order ${order.id} has no download token`);
    return {
      ok: true,
      downloadUrl: downloadPageUrl(plain),
      releaseTitle: found.release.title,
      artistName: found.artistName,
      orderId: order.id,
    };
  });
  if (result.ok) await release(db, key, redeemLimit);
  return result;
}

async function sealedToken(tx: DbOrTx, orderId: string) {
  const [row] = await tx.select({ sealed: orders.downloadTokenSealed }).from(orders).where(eq(orders.id, orderId));
  return row?.sealed ?? null;
}
