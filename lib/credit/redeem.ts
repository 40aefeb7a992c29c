import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { giftCards, type GiftCard } from "@/db/schema";
import { hit, release, type Limit } from "@/lib/rate-limit";
import { normalizeEmail } from "./accounts";
import { redeemCardCode } from "./cards";
import { giftCodeHash, isGiftCodeShape } from "./codes";

/**
 * Wrong guesses allowed per IP and per fan e-mail in a window. A code has 2^100 values, so the
 * limit is not what keeps them safe; it keeps a script from hammering the ledger's tables.
 */
export const redeemLimits = {
  perIp: { max: 10, windowSeconds: 15 * 60 } satisfies Limit,
  perEmail: { max: 10, windowSeconds: 15 * 60 } satisfies Limit,
};

export type RedeemCreditResult =
  | { ok: true; card: GiftCard }
  | { ok: false; reason: "invalid_email" | "not_found" | "already_redeemed" | "expired" | "frozen" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/**
 * THE entry for a code typed, clicked or scanned by a fan: every attempt counts against the IP
 * and the e-mail before the code is looked at (so fifty parallel guesses cannot all slip under
 * the limit), and a good code gives its count back. Then the card redeems once.
 */
export async function redeemCredit(
  db: Db,
  input: { code: string; email: string; ip: string; now?: Date },
): Promise<RedeemCreditResult> {
  const parsed = z.email().max(320).safeParse(normalizeEmail(input.email));
  if (!parsed.success) return { ok: false, reason: "invalid_email" };
  const email = parsed.data;
  const now = input.now ?? new Date();
  const keys = [
    [`credit-redeem:ip:${input.ip}`, redeemLimits.perIp],
    [`credit-redeem:email:${email}`, redeemLimits.perEmail],
  ] as const;
  for (const [key, limit] of keys) {
    const state = await hit(db, key, limit, now);
    if (!state.allowed) return { ok: false, reason: "rate_limited", retryAfterSeconds: state.retryAfterSeconds };
  }
  const result = isGiftCodeShape(input.code)
    ? await redeemCardCode(db, input.code, email, now)
    : ({ ok: false, reason: "not_found" } as const);
  // Only wrong guesses count: a real card (even one already used) was not guessed.
  if (result.ok || result.reason !== "not_found") for (const [key, limit] of keys) await release(db, key, limit, now);
  return result;
}

export type RedeemLinkCheck =
  | { ok: true; email: string; live: boolean }
  | { ok: false; reason: "invalid_email" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/**
 * Before a sign-in link is mailed to come back and redeem: is the code a live card? Counted as a
 * guess per IP (a live code gives it back), so the form cannot be used to test codes or to mail
 * links to strangers; the fan is told the same either way (`live` is for the caller only).
 */
export async function checkRedeemLink(
  db: Db,
  input: { code: string; email: string; ip: string; now?: Date },
): Promise<RedeemLinkCheck> {
  const parsed = z.email().max(320).safeParse(normalizeEmail(input.email));
  if (!parsed.success) return { ok: false, reason: "invalid_email" };
  const now = input.now ?? new Date();
  const key = `credit-redeem:ip:${input.ip}`;
  const state = await hit(db, key, redeemLimits.perIp, now);
  if (!state.allowed) return { ok: false, reason: "rate_limited", retryAfterSeconds: state.retryAfterSeconds };
  const [card] = isGiftCodeShape(input.code)
    ? await db
        .select({ id: giftCards.id })
        .from(giftCards)
        .where(and(eq(giftCards.codeHash, giftCodeHash(input.code)), eq(giftCards.status, "active")))
        .limit(1)
    : [];
  if (card) await release(db, key, redeemLimits.perIp, now);
  return { ok: true, email: parsed.data, live: Boolean(card) };
}
