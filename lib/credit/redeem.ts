import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { eligibilityCodes, giftCards, type GiftCard } from "@/db/schema";
import { hit, release, type Limit } from "@/lib/rate-limit";
import { normalizeEmail } from "./accounts";
import { redeemCardCode } from "./cards";
import { giftCodeHash, isGiftCodeShape } from "./codes";
import { eligibilityCodeHash, enrolWithCode } from "./programs";

/**
 * Wrong guesses allowed per IP and per fan e-mail in a window. A code has 2^100 values, so the
 * limit is not what keeps them safe; it keeps a script from hammering the ledger's tables.
 */
export const redeemLimits = {
  perIp: { max: 10, windowSeconds: 15 * 60 } satisfies Limit,
  perEmail: { max: 10, windowSeconds: 15 * 60 } satisfies Limit,
};

export type RedeemCreditResult =
  | { ok: true; kind: "card"; card: GiftCard }
  /** A sponsor's eligibility code: the fan joins its matching program (lib/credit/programs.ts). */
  | { ok: true; kind: "enrolled"; programId: string; sponsorName: string; currency: string; perFanCap: number }
  | { ok: false; reason: "invalid_email" | "not_found" | "already_redeemed" | "expired" | "frozen" }
  | { ok: false; reason: "already_used" | "already_enrolled" | "ended" | "not_active" }
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
  const result = await redeemCode(db, input.code, email, now);
  // Only wrong guesses count: a real card (even one already used) was not guessed.
  if (result.ok || result.reason !== "not_found") for (const [key, limit] of keys) await release(db, key, limit, now);
  return result;
}

/** A gift card's code, or else a sponsor's eligibility code (both have the same shape, not the same hash). */
async function redeemCode(db: Db, code: string, email: string, now: Date): Promise<RedeemCreditResult> {
  if (!isGiftCodeShape(code)) return { ok: false, reason: "not_found" };
  const card = await redeemCardCode(db, code, email, now);
  if (card.ok) return { ok: true, kind: "card", card: card.card };
  if (card.reason !== "not_found") return card;
  const enrolled = await enrolWithCode(db, code, email, now);
  return enrolled.ok ? { kind: "enrolled", ...enrolled } : enrolled;
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
  const [eligibility] =
    isGiftCodeShape(input.code) && !card
      ? await db
          .select({ id: eligibilityCodes.id })
          .from(eligibilityCodes)
          .where(
            and(eq(eligibilityCodes.codeHash, eligibilityCodeHash(input.code)), isNull(eligibilityCodes.claimedEmail)),
          )
          .limit(1)
      : [];
  const live = Boolean(card || eligibility);
  if (live) await release(db, key, redeemLimits.perIp, now);
  return { ok: true, email: parsed.data, live };
}
