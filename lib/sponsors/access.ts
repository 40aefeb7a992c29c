import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { sponsorMembers, sponsorPrograms, sponsors, type Sponsor, type SponsorProgram } from "@/db/schema";

/** The sponsor, if `userId` is one of its members; anyone else learns nothing (null, shown as 404). */
export async function sponsorForMember(db: DbOrTx, userId: string, sponsorId: string): Promise<Sponsor | null> {
  const [row] = await db
    .select({ sponsor: sponsors })
    .from(sponsorMembers)
    .innerJoin(sponsors, eq(sponsors.id, sponsorMembers.sponsorId))
    .where(and(eq(sponsorMembers.userId, userId), eq(sponsorMembers.sponsorId, sponsorId)))
    .limit(1);
  return row?.sponsor ?? null;
}

/** A program and its sponsor, if `userId` is a member of that sponsor. */
export async function programForMember(
  db: DbOrTx,
  userId: string,
  programId: string,
): Promise<{ program: SponsorProgram; sponsor: Sponsor } | null> {
  const [row] = await db
    .select({ program: sponsorPrograms, sponsor: sponsors })
    .from(sponsorPrograms)
    .innerJoin(sponsors, eq(sponsors.id, sponsorPrograms.sponsorId))
    .innerJoin(sponsorMembers, eq(sponsorMembers.sponsorId, sponsors.id))
    .where(and(eq(sponsorPrograms.id, programId), eq(sponsorMembers.userId, userId)))
    .limit(1);
  return row ?? null;
}
