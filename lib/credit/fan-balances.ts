import { and, eq, gt } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { artists, creditAccounts, sponsorPrograms, sponsors, type CreditScope } from "@/db/schema";
import { normalizeEmail } from "./accounts";

export type FanBalance = {
  currency: string;
  scope: CreditScope;
  amount: number;
  /** The band (artist scope) or the sponsor (program scope) the balance is tied to. */
  where: string | null;
  endsAt: Date | null;
};

/** What a fan may still spend, per currency and scope (the library shows it). */
export async function fanBalances(db: DbOrTx, email: string): Promise<FanBalance[]> {
  const rows = await db
    .select({
      currency: creditAccounts.currency,
      scope: creditAccounts.scope,
      amount: creditAccounts.balance,
      band: artists.name,
      sponsor: sponsors.name,
      endsAt: sponsorPrograms.endsAt,
    })
    .from(creditAccounts)
    .leftJoin(artists, eq(artists.id, creditAccounts.artistId))
    .leftJoin(sponsorPrograms, eq(sponsorPrograms.id, creditAccounts.programId))
    .leftJoin(sponsors, eq(sponsors.id, sponsorPrograms.sponsorId))
    .where(
      and(
        eq(creditAccounts.kind, "fan"),
        eq(creditAccounts.email, normalizeEmail(email)),
        gt(creditAccounts.balance, 0),
      ),
    )
    .orderBy(creditAccounts.currency, creditAccounts.scope);
  return rows.map((r) => ({
    currency: r.currency,
    scope: r.scope ?? "platform",
    amount: r.amount ?? 0,
    where: r.band ?? r.sponsor ?? null,
    endsAt: r.endsAt ?? null,
  }));
}
