import { and, eq, gt, isNull, or } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { giftCards, type GiftCard, type GiftDetails } from "@/db/schema";
import { newToken } from "@/lib/auth/tokens";
import { normalizeEmail, type Scope } from "./accounts";
import { giftCodeHash, newGiftCode, sealGiftCode } from "./codes";
import { move } from "./ledger";

export type IssueCardInput = {
  currency: string;
  amount: number;
  scope: Scope;
  purchaseId?: string | null;
  gift?: GiftDetails | null;
  expiresAt?: Date | null;
};

/**
 * A card worth `amount` comes into being: its row, and the ledger's "issue" into the card's own
 * account. Returns the code (only its hash and a sealed copy are stored) and the buyer's page token.
 */
export async function issueCard(
  tx: DbOrTx,
  input: IssueCardInput,
): Promise<{ card: GiftCard; code: string; pageToken: string }> {
  const code = newGiftCode();
  const page = newToken();
  const gift = input.gift ?? {};
  const [card] = await tx
    .insert(giftCards)
    .values({
      codeHash: giftCodeHash(code),
      codeSealed: sealGiftCode(code),
      currency: input.currency,
      amount: input.amount,
      scope: input.scope.type,
      artistId: input.scope.type === "artist" ? input.scope.artistId : null,
      programId: input.scope.type === "program" ? input.scope.programId : null,
      purchaseId: input.purchaseId ?? null,
      recipientEmail: gift.recipientEmail ? normalizeEmail(gift.recipientEmail) : null,
      recipientName: gift.recipientName || null,
      senderName: gift.senderName || null,
      message: gift.message || null,
      deliverAt: gift.deliverAt ? new Date(gift.deliverAt) : null,
      expiresAt: input.expiresAt ?? null,
      pageTokenHash: page.tokenHash,
    })
    .returning();
  await move(
    tx,
    "issue",
    { kind: "issued", currency: input.currency },
    { kind: "card", giftCardId: card.id, currency: input.currency },
    input.amount,
    { giftCardId: card.id, purchaseId: input.purchaseId, programId: card.programId },
  );
  return { card, code, pageToken: page.token };
}

export const cardScope = (card: Pick<GiftCard, "scope" | "artistId" | "programId">): Scope =>
  card.scope === "artist"
    ? { type: "artist", artistId: card.artistId! }
    : card.scope === "program"
      ? { type: "program", programId: card.programId! }
      : { type: "platform" };

export type RedeemResult =
  { ok: true; card: GiftCard } | { ok: false; reason: "not_found" | "already_redeemed" | "expired" | "frozen" };

/**
 * The card's value into the fan's balance, once: the conditional UPDATE on `status = 'active'`
 * lets one of any number of concurrent attempts through, and the ledger move commits with it.
 * (Rate limiting of guesses is the caller's: lib/credit/redeem.ts.)
 */
export async function redeemCardCode(db: DbOrTx, code: string, email: string, now = new Date()): Promise<RedeemResult> {
  return db.transaction(async (tx) => {
    const [card] = await tx
      .update(giftCards)
      .set({ status: "redeemed", redeemedEmail: normalizeEmail(email), redeemedAt: now })
      .where(
        and(
          eq(giftCards.codeHash, giftCodeHash(code)),
          eq(giftCards.status, "active"),
          or(isNull(giftCards.expiresAt), gt(giftCards.expiresAt, now)),
        ),
      )
      .returning();
    if (!card) {
      const [found] = await tx
        .select()
        .from(giftCards)
        .where(eq(giftCards.codeHash, giftCodeHash(code)))
        .limit(1);
      if (!found) return { ok: false, reason: "not_found" } as const;
      if (found.status === "frozen") return { ok: false, reason: "frozen" } as const;
      if (found.status === "redeemed") return { ok: false, reason: "already_redeemed" } as const;
      return { ok: false, reason: "expired" } as const;
    }
    await move(
      tx,
      "redeem",
      { kind: "card", giftCardId: card.id, currency: card.currency },
      { kind: "fan", email, currency: card.currency, scope: cardScope(card) },
      card.amount,
      { giftCardId: card.id, programId: card.programId },
    );
    return { ok: true, card } as const;
  });
}
