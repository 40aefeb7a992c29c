import { and, desc, eq, gt, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db/client";
import {
  artists,
  creditAccounts,
  ledgerEntries,
  orders,
  sponsorPrograms,
  sponsors,
  type CreditRules,
  type CreditScope,
  type LedgerKind,
} from "@/db/schema";
import { normalizeEmail } from "./accounts";

export type FanBalance = {
  accountId: string;
  currency: string;
  amount: number;
  scope: CreditScope;
  band: { name: string; slug: string } | null;
  sponsor: { name: string; rules: CreditRules; endsAt: Date | null } | null;
};

/** What a fan holds, one line per currency and scope, largest first (what /library shows). */
export async function fanBalances(db: DbOrTx, email: string): Promise<FanBalance[]> {
  const rows = await db
    .select({
      accountId: creditAccounts.id,
      currency: creditAccounts.currency,
      amount: creditAccounts.balance,
      scope: creditAccounts.scope,
      bandName: artists.name,
      bandSlug: artists.slug,
      sponsorName: sponsors.name,
      rules: sponsorPrograms.rules,
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
    .orderBy(desc(creditAccounts.balance));
  return rows.map((r) => ({
    accountId: r.accountId,
    currency: r.currency,
    amount: r.amount ?? 0,
    scope: r.scope ?? "platform",
    band: r.bandName && r.bandSlug ? { name: r.bandName, slug: r.bandSlug } : null,
    sponsor: r.sponsorName ? { name: r.sponsorName, rules: r.rules ?? {}, endsAt: r.endsAt } : null,
  }));
}

export type FanActivity = {
  id: string;
  kind: LedgerKind;
  /** Positive into the fan's balance, negative out of it. */
  amount: number;
  currency: string;
  band: string | null;
  at: Date;
};

/** The latest changes of a fan's balances (redeemed, spent at a band, refunded, expired…). */
export async function fanActivity(db: DbOrTx, email: string, limit = 15): Promise<FanActivity[]> {
  const fan = alias(creditAccounts, "fan");
  const orderBand = alias(artists, "order_band");
  const rows = await db
    .select({
      id: ledgerEntries.id,
      kind: ledgerEntries.kind,
      amount: ledgerEntries.amount,
      currency: ledgerEntries.currency,
      incoming: sql<boolean>`${ledgerEntries.toAccountId} = ${fan.id}`,
      band: orderBand.name,
      scopeBand: artists.name,
      at: ledgerEntries.createdAt,
    })
    .from(ledgerEntries)
    .innerJoin(fan, or(eq(fan.id, ledgerEntries.toAccountId), eq(fan.id, ledgerEntries.fromAccountId)))
    .leftJoin(orders, eq(orders.id, ledgerEntries.orderId))
    .leftJoin(orderBand, eq(orderBand.id, orders.artistId))
    .leftJoin(artists, eq(artists.id, fan.artistId))
    .where(and(eq(fan.kind, "fan"), eq(fan.email, normalizeEmail(email))))
    .orderBy(desc(ledgerEntries.createdAt), desc(ledgerEntries.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    amount: r.incoming ? r.amount : -r.amount,
    currency: r.currency,
    band: r.band ?? r.scopeBand ?? null,
    at: r.at,
  }));
}
