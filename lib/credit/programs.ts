import { and, eq, isNull, sql, TransactionRollbackError } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { eligibilityCodes, programMembers, sponsorPrograms, sponsors } from "@/db/schema";
import { hashToken } from "@/lib/auth/tokens";
import { seal, unseal } from "@/lib/crypto";
import { normalizeEmail } from "./accounts";
import { newGiftCode, normalizeCode } from "./codes";

/**
 * A matching program's eligibility codes: as long and random as a gift card's (newGiftCode), found
 * by a hash of their own ("elig:"), so a gift code and an eligibility code never find each other's row.
 */
const PURPOSE = "credit/eligibility";
export const eligibilityCodeHash = (code: string) => hashToken(`elig:${normalizeCode(code)}`);
export const unsealEligibilityCode = (sealed: string) => unseal(PURPOSE, sealed);

/** `count` new codes for a program; returns them in the clear for the caller to print. */
export async function createEligibilityCodes(tx: DbOrTx, programId: string, count: number): Promise<string[]> {
  const codes = Array.from({ length: count }, newGiftCode);
  for (let i = 0; i < codes.length; i += 500)
    await tx.insert(eligibilityCodes).values(
      codes.slice(i, i + 500).map((code) => ({
        programId,
        codeHash: eligibilityCodeHash(code),
        codeSealed: seal(PURPOSE, code),
      })),
    );
  return codes;
}

export type EnrolResult =
  | { ok: true; programId: string; sponsorName: string; currency: string; perFanCap: number }
  | { ok: false; reason: "not_found" | "already_used" | "already_enrolled" | "ended" | "not_active" };

/**
 * The fan holding `code` joins its matching program, once: the conditional UPDATE on
 * `claimed_email is null` lets one of any number of concurrent tries through, and the membership
 * row commits with it. A fan already in the program keeps their code unused for someone else.
 */
export async function enrolWithCode(db: DbOrTx, code: string, email: string, now = new Date()): Promise<EnrolResult> {
  const fan = normalizeEmail(email);
  return db
    .transaction(async (tx) => {
      const [found] = await tx
        .select({ code: eligibilityCodes, program: sponsorPrograms, sponsorName: sponsors.name })
        .from(eligibilityCodes)
        .innerJoin(sponsorPrograms, eq(sponsorPrograms.id, eligibilityCodes.programId))
        .innerJoin(sponsors, eq(sponsors.id, sponsorPrograms.sponsorId))
        .where(eq(eligibilityCodes.codeHash, eligibilityCodeHash(code)))
        .limit(1);
      if (!found) return { ok: false, reason: "not_found" } as const;
      const { program } = found;
      if (program.status === "pending") return { ok: false, reason: "not_active" } as const;
      if (program.status !== "active" || (program.endsAt && program.endsAt <= now))
        return { ok: false, reason: "ended" } as const;
      const [claimed] = await tx
        .update(eligibilityCodes)
        .set({ claimedEmail: fan, claimedAt: now })
        .where(and(eq(eligibilityCodes.id, found.code.id), isNull(eligibilityCodes.claimedEmail)))
        .returning({ id: eligibilityCodes.id });
      if (!claimed) return { ok: false, reason: "already_used" } as const;
      const joined = await tx
        .insert(programMembers)
        .values({ programId: program.id, email: fan })
        .onConflictDoNothing()
        .returning({ email: programMembers.email });
      // Already a member: the claim rolls back, so the code stays good for another fan.
      if (!joined.length) tx.rollback();
      return {
        ok: true,
        programId: program.id,
        sponsorName: found.sponsorName,
        currency: program.currency,
        perFanCap: program.perFanCap ?? 0,
      } as const;
    })
    .catch((error: unknown) => {
      if (error instanceof TransactionRollbackError) return { ok: false, reason: "already_enrolled" } as const;
      throw error;
    });
}

/** How many of a program's codes have enrolled a fan (a count only). */
export async function enrolledCount(db: DbOrTx, programId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(programMembers)
    .where(eq(programMembers.programId, programId));
  return row?.n ?? 0;
}

/** The sponsor behind a program (a fan is told whose credit a card gave them). */
export async function programSponsorName(db: DbOrTx, programId: string): Promise<string> {
  const [row] = await db
    .select({ name: sponsors.name })
    .from(sponsorPrograms)
    .innerJoin(sponsors, eq(sponsors.id, sponsorPrograms.sponsorId))
    .where(eq(sponsorPrograms.id, programId));
  return row?.name ?? "";
}
