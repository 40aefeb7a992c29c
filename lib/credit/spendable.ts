import { and, eq, gt, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { creditAccounts, sponsorPrograms, type CreditAccount, type SponsorProgram } from "@/db/schema";
import { normalizeEmail } from "./accounts";
import type { SpendSource } from "./spend-plan";

export type ProgramCheck =
  { allowed: true; digitalOnly: boolean } | { allowed: false; reason: "not_active" | "ended" | "region" };

/** Whether a sponsor program's credit may be spent at a band based in `artistCountry` now. */
export function programAllows(
  program: Pick<SponsorProgram, "status" | "endsAt" | "rules">,
  artistCountry: string | null,
  now = new Date(),
): ProgramCheck {
  if (program.status !== "active") return { allowed: false, reason: "not_active" };
  if (program.endsAt && program.endsAt.getTime() <= now.getTime()) return { allowed: false, reason: "ended" };
  const countries = program.rules.countries ?? [];
  if (countries.length && (!artistCountry || !countries.includes(artistCountry.toUpperCase())))
    return { allowed: false, reason: "region" };
  return { allowed: true, digitalOnly: Boolean(program.rules.digitalOnly) };
}

export type SpendableBalance = SpendSource & { account: CreditAccount };

const SCOPE_ORDER = { artist: 0, program: 1, platform: 2 } as const;

/**
 * The fan's balances that may pay this band in this currency, in the order they are used: the
 * band's own credit, then sponsors' credit whose rules allow this band today, then the platform's.
 */
export async function spendableBalances(
  db: DbOrTx,
  input: { email: string; currency: string; artistId: string; artistCountry: string | null; now?: Date },
): Promise<SpendableBalance[]> {
  const accounts = await db
    .select()
    .from(creditAccounts)
    .where(
      and(
        eq(creditAccounts.kind, "fan"),
        eq(creditAccounts.email, normalizeEmail(input.email)),
        eq(creditAccounts.currency, input.currency.toUpperCase()),
        gt(creditAccounts.balance, 0),
      ),
    );
  const programIds = accounts.filter((a) => a.scope === "program" && a.programId).map((a) => a.programId!);
  const programs = programIds.length
    ? await db.select().from(sponsorPrograms).where(inArray(sponsorPrograms.id, programIds))
    : [];
  const usable: SpendableBalance[] = [];
  for (const account of accounts) {
    if (account.scope === "artist" && account.artistId !== input.artistId) continue;
    let digitalOnly = false;
    if (account.scope === "program") {
      const program = programs.find((p) => p.id === account.programId);
      const check = program ? programAllows(program, input.artistCountry, input.now) : null;
      if (!check?.allowed) continue;
      digitalOnly = check.digitalOnly;
    }
    usable.push({ accountId: account.id, balance: account.balance ?? 0, digitalOnly, account });
  }
  return usable.sort((a, b) => SCOPE_ORDER[a.account.scope ?? "platform"] - SCOPE_ORDER[b.account.scope ?? "platform"]);
}
