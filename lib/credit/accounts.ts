import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { creditAccounts, type CreditAccount, type CreditAccountKind } from "@/db/schema";

/** Where a fan's balance may be spent. */
export type Scope =
  { type: "platform" } | { type: "artist"; artistId: string } | { type: "program"; programId: string };

export type AccountSpec =
  | { kind: "fan"; email: string; currency: string; scope: Scope }
  | { kind: "card"; giftCardId: string; currency: string }
  | { kind: "pool"; programId: string; currency: string }
  | { kind: "held"; orderId: string; currency: string }
  | { kind: "issued" | "spent" | "expired" | "frozen"; currency: string };

export const scopeKey = (scope: Scope) =>
  scope.type === "platform"
    ? "platform"
    : scope.type === "artist"
      ? `artist:${scope.artistId}`
      : `program:${scope.programId}`;

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export function accountKey(spec: AccountSpec): string {
  const currency = spec.currency.toUpperCase();
  switch (spec.kind) {
    case "fan":
      return `fan:${normalizeEmail(spec.email)}:${currency}:${scopeKey(spec.scope)}`;
    case "card":
      return `card:${spec.giftCardId}`;
    case "pool":
      return `pool:${spec.programId}`;
    case "held":
      return `held:${spec.orderId}`;
    default:
      return `${spec.kind}:${currency}`;
  }
}

/**
 * The account for `spec`, created on first use. One statement: concurrent first uses agree on
 * one row (the no-op update makes RETURNING give the existing row too).
 */
export async function ensureAccount(db: DbOrTx, spec: AccountSpec): Promise<CreditAccount> {
  const bounded = spec.kind === "fan" || spec.kind === "card" || spec.kind === "pool" || spec.kind === "held";
  const [row] = await db
    .insert(creditAccounts)
    .values({
      key: accountKey(spec),
      kind: spec.kind as CreditAccountKind,
      currency: spec.currency.toUpperCase(),
      balance: bounded ? 0 : null,
      email: spec.kind === "fan" ? normalizeEmail(spec.email) : null,
      scope: spec.kind === "fan" ? spec.scope.type : null,
      artistId: spec.kind === "fan" && spec.scope.type === "artist" ? spec.scope.artistId : null,
      programId:
        spec.kind === "pool"
          ? spec.programId
          : spec.kind === "fan" && spec.scope.type === "program"
            ? spec.scope.programId
            : null,
      giftCardId: spec.kind === "card" ? spec.giftCardId : null,
      orderId: spec.kind === "held" ? spec.orderId : null,
    })
    .onConflictDoUpdate({ target: creditAccounts.key, set: { key: sql`excluded.key` } })
    .returning();
  return row;
}
