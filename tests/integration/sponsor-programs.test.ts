import { and, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  creditAccounts,
  creditPurchases,
  eligibilityCodes,
  giftCards,
  ledgerEntries,
  programMembers,
  sponsorPrograms,
} from "@/db/schema";
import { creditReport } from "@/lib/admin";
import {
  checkLedger,
  enrolWithCode,
  ensureAccount,
  expireEndedPrograms,
  expireStaleCreditPurchases,
  fulfillCreditPurchase,
  matchTopUp,
  redeemCardCode,
  redeemCredit,
  startCreditPurchase,
  unsealEligibilityCode,
} from "@/lib/credit";
import { listPrograms, programSheet, programStats, startProgram } from "@/lib/sponsors";
import { makeUser, unique, useTestDb } from "@/tests/support/factories";
import { makeSponsor, paidProgram, paidTopUp } from "@/tests/support/sponsors";

const db = useTestDb();
const fanEmail = () => `${unique("fan")}@example.test`;
const clean = { drifted: [], unbalanced: [] };
const future = () => new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
const cardsForm = (extra: Record<string, string> = {}) => ({
  kind: "cards",
  label: "Summer reading",
  currency: "EUR",
  count: "10",
  amount: "10",
  ...extra,
});
const matchForm = (extra: Record<string, string> = {}) => ({
  kind: "match",
  label: "Matched credit",
  currency: "EUR",
  pool: "60",
  cap: "25",
  codes: "5",
  ...extra,
});

async function fanBalance(email: string, programId: string) {
  const account = await ensureAccount(db, {
    kind: "fan",
    email,
    currency: "EUR",
    scope: { type: "program", programId },
  });
  return account.balance;
}

async function enrolled(programId: string) {
  const sheet = await db.select().from(eligibilityCodes).where(eq(eligibilityCodes.programId, programId));
  return sheet.map((row) => unsealEligibilityCode(row.codeSealed)!);
}

describe("a sponsor's batch of prepaid cards", () => {
  it("bought with one test payment, issues N cards of X for the program, with its rules, and prints their codes", async () => {
    const { member, programId, purchase, paid } = await paidProgram(
      db,
      cardsForm({ digitalOnly: "on", countries: "fr, be", endsAt: future() }),
    );
    expect(purchase).toMatchObject({ kind: "sponsor_cards", quantity: 10, unitAmount: 1000, total: 10_000 });
    expect(paid.outcome).toBe("fulfilled");
    const [program] = await db.select().from(sponsorPrograms).where(eq(sponsorPrograms.id, programId));
    expect(program).toMatchObject({ status: "active", cardCount: 10, cardAmount: 1000, currency: "EUR" });
    expect(program.rules).toEqual({ digitalOnly: true, countries: ["BE", "FR"] });
    const cards = await db.select().from(giftCards).where(eq(giftCards.programId, programId));
    expect(cards).toHaveLength(10);
    expect(cards.every((c) => c.amount === 1000 && c.scope === "program" && c.status === "active")).toBe(true);
    expect(cards.every((c) => c.expiresAt?.getTime() === program.endsAt?.getTime())).toBe(true);

    const sheet = await programSheet(db, member.id, programId);
    expect(sheet?.codes).toHaveLength(10);
    const fan = fanEmail();
    expect(await redeemCardCode(db, sheet!.codes[3], fan)).toMatchObject({ ok: true });
    expect(await fanBalance(fan, programId)).toBe(1000);
    expect(await checkLedger(db)).toEqual(clean);
  });

  it("refuses a bad program form field by field and writes nothing", async () => {
    const { sponsor, member } = await makeSponsor(db);
    const bad = [
      [cardsForm({ count: "0" }), "count"],
      [cardsForm({ count: "1001" }), "count"],
      [cardsForm({ amount: "1" }), "amount"],
      [cardsForm({ amount: "abc" }), "amount"],
      [cardsForm({ currency: "XXX" }), "currency"],
      [cardsForm({ countries: "FR, ZZ" }), "countries"],
      [cardsForm({ endsAt: "2001-01-01" }), "endsAt"],
      [matchForm({ cap: "500" }), "cap"],
      [matchForm({ pool: "10" }), "pool"],
      [matchForm({ codes: "0" }), "codes"],
    ] as const;
    for (const [form, field] of bad) {
      const result = await startProgram(db, member, sponsor.id, form, "en");
      expect(result.ok ? "accepted" : Object.keys(result.fieldErrors ?? {})).toContain(field);
    }
    expect(await listPrograms(db, sponsor.id)).toEqual([]);
    const purchases = await db.select().from(creditPurchases).where(eq(creditPurchases.sponsorId, sponsor.id));
    expect(purchases).toEqual([]);
  });

  it("is closed to anyone not a member of the sponsor: no program started, no sheet shown", async () => {
    const mine = await makeSponsor(db);
    const other = await makeSponsor(db);
    const stranger = await makeUser(db);
    for (const user of [other.member, stranger])
      expect(await startProgram(db, user, mine.sponsor.id, cardsForm(), "en")).toEqual({
        ok: false,
        error: "forbidden",
      });
    expect(await listPrograms(db, mine.sponsor.id)).toEqual([]);
    const paid = await paidProgram(db, cardsForm({ count: "2" }));
    expect(await programSheet(db, other.member.id, paid.programId)).toBeNull();
    expect(await programSheet(db, stranger.id, paid.programId)).toBeNull();
    expect(await programSheet(db, paid.member.id, paid.programId)).not.toBeNull();
  });

  it("prints no sheet for a program whose payment is not in", async () => {
    const { sponsor, member } = await makeSponsor(db);
    const started = await startProgram(db, member, sponsor.id, cardsForm(), "en");
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    expect(await programSheet(db, member.id, started.programId)).toBeNull();
    expect(await db.select().from(giftCards).where(eq(giftCards.programId, started.programId))).toEqual([]);
  });
});

describe("a sponsor's matching pool", () => {
  it("adds what the fan puts in up to the per-fan cap, and stops when the pool is empty", async () => {
    const { programId } = await paidProgram(db, matchForm({ digitalOnly: "on", countries: "DE" }));
    const [program] = await db.select().from(sponsorPrograms).where(eq(sponsorPrograms.id, programId));
    expect(program).toMatchObject({ status: "active", poolAmount: 6000, perFanCap: 2500 });
    expect(program.rules).toEqual({ digitalOnly: true, countries: ["DE"] });
    const codes = await enrolled(programId);
    expect(codes).toHaveLength(5);

    const [ana, ben, cleo, dan] = [fanEmail(), fanEmail(), fanEmail(), fanEmail()];
    for (const [i, fan] of [ana, ben, cleo].entries())
      expect(await enrolWithCode(db, codes[i], fan)).toMatchObject({ ok: true, programId });

    await paidTopUp(db, ana, 1000);
    expect(await fanBalance(ana, programId)).toBe(1000);
    await paidTopUp(db, ana, 2000);
    expect(await fanBalance(ana, programId)).toBe(2500);
    await paidTopUp(db, ana, 2000);
    expect(await fanBalance(ana, programId)).toBe(2500);

    await paidTopUp(db, ben, 4000);
    expect(await fanBalance(ben, programId)).toBe(2500);
    await paidTopUp(db, cleo, 2000);
    expect(await fanBalance(cleo, programId)).toBe(1000);
    await paidTopUp(db, dan, 2000);
    expect(await fanBalance(dan, programId)).toBe(0);

    const stats = await programStats(db, programId);
    expect(stats).toMatchObject({ poolLeft: 0, matched: 6000, fansEnrolled: 3, credited: 6000, unspent: 6000 });
    expect(await checkLedger(db)).toEqual(clean);
  });

  it("never passes the cap when ten top-ups of one fan are paid at once", async () => {
    const { programId } = await paidProgram(db, matchForm({ pool: "1000", cap: "25" }));
    const [code] = await enrolled(programId);
    const fan = fanEmail();
    await enrolWithCode(db, code, fan);
    const results = await Promise.all(Array.from({ length: 10 }, () => paidTopUp(db, fan, 500)));
    expect(results.every((r) => r.outcome === "fulfilled")).toBe(true);
    const [member] = await db
      .select()
      .from(programMembers)
      .where(and(eq(programMembers.programId, programId), eq(programMembers.email, fan)));
    expect(member.matched).toBe(2500);
    expect(await fanBalance(fan, programId)).toBe(2500);
    expect(await checkLedger(db)).toEqual(clean);
  });

  it("never passes the cap when the matching of ten paid top-ups runs at once", async () => {
    // Through fulfillCreditPurchase, one fan's top-ups queue on their balance's row lock; the
    // matching itself must hold on its own (a top-up in another currency or a future caller).
    const { programId } = await paidProgram(db, matchForm({ pool: "1000", cap: "25" }));
    const [code] = await enrolled(programId);
    const fan = fanEmail();
    await enrolWithCode(db, code, fan);
    const purchases = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const started = await startCreditPurchase(db, {
          kind: "top_up",
          email: fan,
          currency: "EUR",
          unitAmount: 500,
          locale: "en",
          successPath: "/library",
          cancelPath: "/library",
        });
        if (!started.ok) throw new Error(started.error);
        const [row] = await db.select().from(creditPurchases).where(eq(creditPurchases.id, started.purchaseId));
        return row;
      }),
    );
    const matches = await Promise.all(purchases.map((p) => db.transaction((tx) => matchTopUp(tx, p))));
    expect(matches.flat().reduce((sum, m) => sum + m.amount, 0)).toBe(2500);
    const [member] = await db
      .select()
      .from(programMembers)
      .where(and(eq(programMembers.programId, programId), eq(programMembers.email, fan)));
    expect(member.matched).toBe(2500);
    expect(await fanBalance(fan, programId)).toBe(2500);
    expect(await checkLedger(db)).toEqual(clean);
  });

  it("never passes the pool when many fans' top-ups are paid at once", async () => {
    const { programId } = await paidProgram(db, matchForm({ pool: "50", cap: "10", codes: "12" }));
    const codes = await enrolled(programId);
    const fans = codes.map(() => fanEmail());
    for (const [i, fan] of fans.entries()) await enrolWithCode(db, codes[i], fan);
    await Promise.all(fans.map((fan) => paidTopUp(db, fan, 1000)));
    const [pool] = await db
      .select()
      .from(creditAccounts)
      .where(and(eq(creditAccounts.kind, "pool"), eq(creditAccounts.programId, programId)));
    expect(pool.balance).toBe(0);
    const matched = await db
      .select({ total: sql<number>`sum(${ledgerEntries.amount})::int` })
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.kind, "match"), eq(ledgerEntries.programId, programId)));
    expect(matched[0].total).toBe(5000);
    expect(await checkLedger(db)).toEqual(clean);
  });

  it("an eligibility code enrols one fan even when twenty try it at once; a fan already in keeps the next code free", async () => {
    const { programId } = await paidProgram(db, matchForm({ codes: "2" }));
    const [first, second] = await enrolled(programId);
    const fans = Array.from({ length: 20 }, fanEmail);
    const results = await Promise.all(fans.map((fan) => enrolWithCode(db, first, fan)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === "already_used")).toHaveLength(19);
    const winner = fans[results.findIndex((r) => r.ok)];
    expect(await enrolWithCode(db, second, winner.toUpperCase())).toEqual({ ok: false, reason: "already_enrolled" });
    const [code] = await db
      .select()
      .from(eligibilityCodes)
      .where(and(eq(eligibilityCodes.programId, programId), sql`${eligibilityCodes.claimedEmail} is null`));
    expect(code).toBeDefined();
    expect(await enrolWithCode(db, "AAAA-BBBB-CCCC-DDDD-EEEE", fanEmail())).toEqual({ ok: false, reason: "not_found" });
    const members = await db.select().from(programMembers).where(eq(programMembers.programId, programId));
    expect(members).toHaveLength(1);
  });

  it("an eligibility code goes through the one redeem entry point fans use for gift cards", async () => {
    const { sponsor, programId } = await paidProgram(db, matchForm({ codes: "1" }));
    const [code] = await enrolled(programId);
    const ip = `10.${Math.floor(Math.random() * 250)}.0.1`;
    expect(await redeemCredit(db, { code: code.toLowerCase(), email: fanEmail(), ip })).toEqual({
      ok: true,
      kind: "enrolled",
      programId,
      sponsorName: sponsor.name,
      currency: "EUR",
      perFanCap: 2500,
    });
    expect(await redeemCredit(db, { code, email: fanEmail(), ip })).toEqual({ ok: false, reason: "already_used" });
  });

  it("does not enrol anyone with the code of a program not yet paid", async () => {
    const { sponsor, member } = await makeSponsor(db);
    const started = await startProgram(db, member, sponsor.id, matchForm(), "en");
    if (!started.ok) throw new Error("refused");
    const [code] = await enrolled(started.programId);
    expect(await enrolWithCode(db, code, fanEmail())).toEqual({ ok: false, reason: "not_active" });
  });
});

describe("the end of a program", () => {
  it("expires the pool, fans' program balances and unredeemed cards once, and the ledger still balances", async () => {
    const match = await paidProgram(db, matchForm({ endsAt: future() }));
    const [code] = await enrolled(match.programId);
    const fan = fanEmail();
    await enrolWithCode(db, code, fan);
    await paidTopUp(db, fan, 1000);
    const cards = await paidProgram(db, cardsForm({ count: "3", endsAt: future() }));
    const sheet = await programSheet(db, cards.member.id, cards.programId);
    await redeemCardCode(db, sheet!.codes[0], fan);

    const past = new Date(Date.now() - 1000);
    for (const id of [match.programId, cards.programId])
      await db.update(sponsorPrograms).set({ endsAt: past }).where(eq(sponsorPrograms.id, id));
    // Pool (50.00), the fan's matched 10.00, the fan's card 10.00, two unredeemed cards: five
    // expiries, and a second run adds none. (Counted on these programs' entries: other test files
    // end programs of their own while this one runs, and the chore sweeps them all.)
    await expireEndedPrograms(db);
    await expireEndedPrograms(db);
    const expiries = await db
      .select({ amount: ledgerEntries.amount })
      .from(ledgerEntries)
      .where(
        and(eq(ledgerEntries.kind, "expire"), inArray(ledgerEntries.programId, [match.programId, cards.programId])),
      );
    expect(expiries.map((e) => e.amount).sort((a, b) => a - b)).toEqual([1000, 1000, 1000, 1000, 5000]);
    expect(await fanBalance(fan, match.programId)).toBe(0);
    expect(await fanBalance(fan, cards.programId)).toBe(0);
    expect(await programStats(db, match.programId)).toMatchObject({ poolLeft: 0, expired: 6000, unspent: 0 });
    expect(await programStats(db, cards.programId)).toMatchObject({
      cardsIssued: 3,
      cardsRedeemed: 1,
      cardsExpired: 2,
      expired: 3000,
    });
    expect(await enrolWithCode(db, (await enrolled(match.programId))[1], fanEmail())).toEqual({
      ok: false,
      reason: "ended",
    });
    expect(await checkLedger(db)).toEqual(clean);
  });
});

describe("what the sponsor and the operator see", () => {
  it("the sponsor's figures are counts and sums, naming no fan", async () => {
    const { programId } = await paidProgram(db, matchForm());
    const [code] = await enrolled(programId);
    const fan = fanEmail();
    await enrolWithCode(db, code, fan);
    await paidTopUp(db, fan, 700);
    const stats = await programStats(db, programId);
    expect(Object.values(stats).every((v) => typeof v === "number")).toBe(true);
    expect(JSON.stringify(stats)).not.toContain(fan);
    expect(stats).toMatchObject({ fansEnrolled: 1, matched: 700, poolLeft: 5300 });
  });

  it("the operator's report equals the ledger, per currency", async () => {
    await paidProgram(db, cardsForm({ count: "2" }));
    const report = await creditReport(db);
    const sums = await db.execute<{ currency: string; kind: string; total: string }>(
      sql`select currency, kind, sum(amount) as total from ledger_entries group by currency, kind`,
    );
    const sum = (currency: string, kinds: string[]) =>
      sums.filter((r) => r.currency === currency && kinds.includes(r.kind)).reduce((a, r) => a + Number(r.total), 0);
    expect(report.currencies.length).toBeGreaterThan(0);
    for (const row of report.currencies) {
      expect(row.issued).toBe(sum(row.currency, ["issue", "fund"]));
      expect(row.spent).toBe(sum(row.currency, ["spend"]));
      expect(row.refunded).toBe(sum(row.currency, ["refund"]));
      expect(row.expired).toBe(sum(row.currency, ["expire"]));
      expect(row.frozen).toBe(sum(row.currency, ["freeze"]));
      const [held] = await db.execute<{ total: string }>(
        sql`select coalesce(sum(balance), 0) as total from credit_accounts where balance is not null and currency = ${row.currency}`,
      );
      expect(row.outstanding).toBe(Number(held.total));
    }
    expect(report.check).toEqual(clean);
  });
});

describe("a program nobody paid for", () => {
  it("is canceled an hour on when its purchase never started, and kept while a purchase can still pay it", async () => {
    const { sponsor, member } = await makeSponsor(db);
    // The process died between writing the program and starting its purchase.
    const [orphan] = await db
      .insert(sponsorPrograms)
      .values({ sponsorId: sponsor.id, kind: "cards", currency: "EUR", cardCount: 2, cardAmount: 1000 })
      .returning();
    // A payment page that stays open for three hours more.
    const started = await startProgram(db, member, sponsor.id, cardsForm(), "en");
    if (!started.ok) throw new Error("program refused");
    const later = new Date(Date.now() + 61 * 60_000);
    await db
      .update(creditPurchases)
      .set({ expiresAt: new Date(later.getTime() + 3 * 3_600_000) })
      .where(eq(creditPurchases.programId, started.programId));

    await expireStaleCreditPurchases(db, new Date(Date.now() + 30 * 60_000));
    const statusOf = async (id: string) =>
      (await db.select().from(sponsorPrograms).where(eq(sponsorPrograms.id, id)))[0].status;
    expect(await statusOf(orphan.id)).toBe("pending");
    await expireStaleCreditPurchases(db, later);
    expect(await statusOf(orphan.id)).toBe("canceled");
    expect(await statusOf(started.programId)).toBe("pending");
  });

  it("is canceled with its purchase an hour after the payment page closed, and a late payment issues nothing", async () => {
    const { sponsor, member } = await makeSponsor(db);
    const started = await startProgram(db, member, sponsor.id, cardsForm(), "en");
    if (!started.ok) throw new Error("program refused");
    const [purchase] = await db.select().from(creditPurchases).where(eq(creditPurchases.programId, started.programId));
    const status = async () => {
      const [program] = await db.select().from(sponsorPrograms).where(eq(sponsorPrograms.id, started.programId));
      const [row] = await db.select().from(creditPurchases).where(eq(creditPurchases.id, purchase.id));
      return [program.status, row.status];
    };

    // Still payable, then closed but within the hour: left alone.
    await expireStaleCreditPurchases(db, new Date(purchase.expiresAt.getTime() - 60_000));
    await expireStaleCreditPurchases(db, new Date(purchase.expiresAt.getTime() + 30 * 60_000));
    expect(await status()).toEqual(["pending", "pending"]);

    await expireStaleCreditPurchases(db, new Date(purchase.expiresAt.getTime() + 61 * 60_000));
    expect(await status()).toEqual(["canceled", "canceled"]);

    expect(await fulfillCreditPurchase(db, purchase.id, { paymentId: unique("test_pay") })).toEqual({
      outcome: "not_payable",
      reason: "canceled",
    });
    expect(await db.select().from(giftCards).where(eq(giftCards.programId, started.programId))).toEqual([]);
    expect(await checkLedger(db)).toEqual(clean);
  });
});
