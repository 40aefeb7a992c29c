import { asc, desc, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { eligibilityCodes, giftCards, sponsorPrograms, type SponsorProgram } from "@/db/schema";
import { createEligibilityCodes, startCreditPurchase, unsealEligibilityCode, unsealGiftCode } from "@/lib/credit";
import type { Locale } from "@/lib/i18n/config";
import { programForMember, sponsorForMember } from "./access";
import { parseProgramInput } from "./program-input";

export type StartProgramResult =
  | { ok: true; programId: string; redirectUrl: string }
  | { ok: false; error: "forbidden" | "invalid" | "provider_failed"; fieldErrors?: Record<string, string> };

/**
 * A sponsor's member sets up a program: the row is written pending (with its eligibility codes for
 * a matching pool, unusable until paid), then one payment for all of it is opened. The cards or
 * the pool come into being only when that payment is confirmed (fulfillCreditPurchase).
 */
export async function startProgram(
  db: Db,
  user: { id: string; email: string },
  sponsorId: string,
  raw: unknown,
  locale: Locale,
): Promise<StartProgramResult> {
  const sponsor = await sponsorForMember(db, user.id, sponsorId);
  if (!sponsor) return { ok: false, error: "forbidden" };
  const parsed = parseProgramInput(raw);
  if (!parsed.ok) return { ok: false, error: "invalid", fieldErrors: parsed.fieldErrors };
  const input = parsed.input;
  const program = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(sponsorPrograms)
      .values({
        sponsorId,
        kind: input.kind,
        label: input.label,
        currency: input.currency,
        rules: input.rules,
        endsAt: input.endsAt,
        ...(input.kind === "cards"
          ? { cardCount: input.cardCount, cardAmount: input.cardAmount }
          : { poolAmount: input.poolAmount, perFanCap: input.perFanCap }),
      })
      .returning();
    if (input.kind === "match") await createEligibilityCodes(tx, row.id, input.codeCount);
    return row;
  });
  const started = await startCreditPurchase(db, {
    kind: input.kind === "cards" ? "sponsor_cards" : "sponsor_pool",
    email: user.email,
    currency: input.currency,
    unitAmount: input.kind === "cards" ? input.cardAmount : input.poolAmount,
    quantity: input.kind === "cards" ? input.cardCount : 1,
    sponsorId,
    programId: program.id,
    locale,
    successPath: `/sponsor/programs/${program.id}?paid=1`,
    cancelPath: `/sponsor?s=${sponsorId}`,
  });
  if (!started.ok) {
    await db.update(sponsorPrograms).set({ status: "canceled" }).where(eq(sponsorPrograms.id, program.id));
    return { ok: false, error: started.error === "provider_failed" ? "provider_failed" : "invalid" };
  }
  await db.update(sponsorPrograms).set({ purchaseId: started.purchaseId }).where(eq(sponsorPrograms.id, program.id));
  return { ok: true, programId: program.id, redirectUrl: started.redirectUrl };
}

export async function listPrograms(db: DbOrTx, sponsorId: string): Promise<SponsorProgram[]> {
  return db
    .select()
    .from(sponsorPrograms)
    .where(eq(sponsorPrograms.sponsorId, sponsorId))
    .orderBy(desc(sponsorPrograms.createdAt));
}

export type ProgramSheet = {
  program: SponsorProgram;
  sponsorName: string;
  /** Gift card codes (cards) or eligibility codes (match), in the clear, for printing. */
  codes: string[];
};

/**
 * The codes a paid program prints, for its sponsor's members only (null otherwise, and for a
 * program whose payment is not in yet: no sheet of codes that hold nothing).
 */
export async function programSheet(db: DbOrTx, userId: string, programId: string): Promise<ProgramSheet | null> {
  const found = await programForMember(db, userId, programId);
  if (!found || (found.program.status !== "active" && found.program.status !== "ended")) return null;
  const { program, sponsor } = found;
  const codes =
    program.kind === "cards"
      ? (
          await db
            .select({ sealed: giftCards.codeSealed })
            .from(giftCards)
            .where(eq(giftCards.programId, program.id))
            .orderBy(asc(giftCards.createdAt), asc(giftCards.id))
        ).map((r) => unsealGiftCode(r.sealed))
      : (
          await db
            .select({ sealed: eligibilityCodes.codeSealed })
            .from(eligibilityCodes)
            .where(eq(eligibilityCodes.programId, program.id))
            .orderBy(asc(eligibilityCodes.createdAt), asc(eligibilityCodes.id))
        ).map((r) => unsealEligibilityCode(r.sealed));
  return { program, sponsorName: sponsor.name, codes: codes.filter((c): c is string => c !== null) };
}
