import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { creditAccounts, giftCards, ledgerEntries } from "@/db/schema";
import { checkLedger, ensureAccount, InsufficientCredit, issueCard, move, redeemCardCode } from "@/lib/credit";
import { unique, useTestDb } from "@/tests/support/factories";

const db = useTestDb();
const fanEmail = () => `${unique("fan")}@example.com`;
const platform = { type: "platform" } as const;

async function balanceOf(email: string, currency = "EUR") {
  const account = await ensureAccount(db, { kind: "fan", email, currency, scope: platform });
  return account.balance;
}

describe("the credit ledger in Postgres", () => {
  it("redeems a card once when 50 fans try its code at the same moment", async () => {
    const { code, card } = await db.transaction((tx) =>
      issueCard(tx, { currency: "EUR", amount: 2500, scope: platform }),
    );
    const fans = Array.from({ length: 50 }, fanEmail);
    const results = await Promise.all(fans.map((email) => redeemCardCode(db, code, email)));
    const winners = results.flatMap((r, i) => (r.ok ? [fans[i]] : []));
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === "already_redeemed")).toHaveLength(49);
    expect(await balanceOf(winners[0])).toBe(2500);
    const entries = await db.select().from(ledgerEntries).where(eq(ledgerEntries.giftCardId, card.id));
    expect(entries.map((e) => e.kind).sort()).toEqual(["issue", "redeem"]);
    expect(await checkLedger(db)).toEqual({ drifted: [], unbalanced: [] });
  });

  it("says why a code does not redeem: unknown, expired, frozen", async () => {
    expect(await redeemCardCode(db, "AAAA-BBBB-CCCC-DDDD-EEEE", fanEmail())).toEqual({
      ok: false,
      reason: "not_found",
    });
    const { code } = await db.transaction((tx) =>
      issueCard(tx, { currency: "EUR", amount: 500, scope: platform, expiresAt: new Date(Date.now() - 1000) }),
    );
    expect(await redeemCardCode(db, code, fanEmail())).toEqual({ ok: false, reason: "expired" });
    const frozen = await db.transaction((tx) => issueCard(tx, { currency: "EUR", amount: 500, scope: platform }));
    await db.update(giftCards).set({ status: "frozen" }).where(eq(giftCards.id, frozen.card.id));
    expect(await redeemCardCode(db, frozen.code.toLowerCase(), fanEmail())).toEqual({ ok: false, reason: "frozen" });
  });

  it("never lets 100 concurrent holds take a 10.00 balance below zero", async () => {
    const email = fanEmail();
    await move(
      db,
      "issue",
      { kind: "issued", currency: "EUR" },
      { kind: "fan", email, currency: "EUR", scope: platform },
      1000,
    );
    const attempts = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) =>
        db.transaction((tx) =>
          move(
            tx,
            "hold",
            { kind: "fan", email, currency: "EUR", scope: platform },
            { kind: "held", orderId: `order-${unique("o")}-${i}`, currency: "EUR" },
            30,
          ),
        ),
      ),
    );
    const held = attempts.filter((a) => a.status === "fulfilled").length;
    expect(held).toBe(33);
    expect(attempts.filter((a) => a.status === "rejected").every((a) => a.reason instanceof InsufficientCredit)).toBe(
      true,
    );
    expect(await balanceOf(email)).toBe(10);
    expect(await checkLedger(db)).toEqual({ drifted: [], unbalanced: [] });
  });

  it("refuses to edit or delete an entry: the ledger is append-only", async () => {
    const email = fanEmail();
    const { entryId } = await move(
      db,
      "issue",
      { kind: "issued", currency: "EUR" },
      { kind: "fan", email, currency: "EUR", scope: platform },
      100,
    );
    const refusal = { cause: { message: expect.stringMatching(/append-only/) } };
    await expect(
      db.update(ledgerEntries).set({ amount: 1 }).where(eq(ledgerEntries.id, entryId)),
    ).rejects.toMatchObject(refusal);
    await expect(db.delete(ledgerEntries).where(eq(ledgerEntries.id, entryId))).rejects.toMatchObject(refusal);
    await expect(db.execute(sql`truncate ledger_entries cascade`)).rejects.toMatchObject(refusal);
    const [entry] = await db.select().from(ledgerEntries).where(eq(ledgerEntries.id, entryId));
    expect(entry.amount).toBe(100);
  });

  it("refuses a move between the wrong accounts or currencies, writing nothing", async () => {
    const email = fanEmail();
    const before = await db.select({ n: sql<number>`count(*)::int` }).from(ledgerEntries);
    await expect(
      move(
        db,
        "spend",
        { kind: "fan", email, currency: "EUR", scope: platform },
        { kind: "spent", currency: "EUR" },
        5,
      ),
    ).rejects.toThrow(/wrong_accounts/);
    await expect(
      move(
        db,
        "issue",
        { kind: "issued", currency: "USD" },
        { kind: "fan", email, currency: "EUR", scope: platform },
        5,
      ),
    ).rejects.toThrow(/USD/);
    await expect(
      move(
        db,
        "issue",
        { kind: "issued", currency: "EUR" },
        { kind: "fan", email, currency: "EUR", scope: platform },
        -5,
      ),
    ).rejects.toThrow(/not_positive/);
    const after = await db.select({ n: sql<number>`count(*)::int` }).from(ledgerEntries);
    expect(after[0].n).toBe(before[0].n);
    // A balance cannot be set below zero behind the ledger's back either.
    const account = await ensureAccount(db, { kind: "fan", email, currency: "EUR", scope: platform });
    await expect(
      db.update(creditAccounts).set({ balance: -1 }).where(eq(creditAccounts.id, account.id)),
    ).rejects.toThrow();
  });
});
