import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { creditPurchases, emailQueue, giftCards, ledgerEntries } from "@/db/schema";
import {
  checkLedger,
  checkRedeemLink,
  deliverDueGiftCards,
  deliverGiftCard,
  ensureAccount,
  expireCards,
  fanBalances,
  formatGiftCode,
  giftCardByPageToken,
  giftCardPageUrl,
  redeemCredit,
  redeemCreditUrl,
} from "@/lib/credit";
import { requestLibraryLink, safeLibraryNext } from "@/lib/library";
import { boss, forgetBoss } from "@/lib/queue";
import { makeArtist, makeUser, useTestDb } from "@/tests/support/factories";
import { buyGift, deliveryJobs, giftEmail } from "@/tests/support/gifts";
import { queuedEmails } from "@/tests/support/orders";

const db = useTestDb();
afterAll(async () => {
  await (await boss()).stop({ graceful: false, wait: true });
  forgetBoss();
});
const DAY = 24 * 3600_000;

describe("a gift card bought for a friend", () => {
  it("mails the buyer a receipt with the card page, and the friend only on the chosen date, once", async () => {
    const friend = giftEmail("friend");
    const deliverAt = new Date(Date.now() + 3 * DAY);
    const gift = await buyGift(db, {
      gift: {
        recipientEmail: friend,
        recipientName: "Sam",
        senderName: "Alex",
        message: "Happy birthday!",
        deliverAt: deliverAt.toISOString(),
      },
    });
    const [purchase] = await db.select().from(creditPurchases).where(eq(creditPurchases.id, gift.purchaseId));
    expect(purchase).toMatchObject({ status: "paid", provider: "test", total: 2500 });
    expect(gift.card).toMatchObject({ status: "active", amount: 2500, scope: "platform", recipientEmail: friend });

    const [receipt] = await queuedEmails(db, `gift-receipt:${gift.purchaseId}`);
    expect(receipt.to).toBe(gift.email);
    expect(receipt.text).toContain(giftCardPageUrl(gift.pageToken));
    expect(receipt.text).toContain(friend);

    const jobs = await deliveryJobs(db, gift.card.id);
    expect(jobs).toHaveLength(1);
    expect(new Date(jobs[0].start_after).getTime()).toBe(deliverAt.getTime());

    // The day before: neither the chore nor an early job sends anything.
    const dayBefore = new Date(deliverAt.getTime() - DAY);
    expect(await deliverDueGiftCards(db, dayBefore)).toBe(0);
    expect(await db.transaction((tx) => deliverGiftCard(tx, gift.card.id, "en", dayBefore))).toBe(false);
    expect(await queuedEmails(db, `gift-delivery:${gift.card.id}`)).toEqual([]);

    // On the day, the job and two chore runs race: one mail.
    const onTheDay = new Date(deliverAt.getTime() + 60_000);
    const runs = await Promise.all([
      deliverDueGiftCards(db, onTheDay),
      deliverDueGiftCards(db, onTheDay),
      db.transaction((tx) => deliverGiftCard(tx, gift.card.id, "en", onTheDay)),
    ]);
    expect(runs.map(Number).reduce((a, b) => a + b)).toBe(1);
    const mails = await queuedEmails(db, `gift-delivery:${gift.card.id}`);
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toBe(friend);
    expect(mails[0].subject).toBe("Alex sent you a Merchtable gift card");
    expect(mails[0].text).toContain("Happy birthday!");
    expect(mails[0].text).toContain(formatGiftCode(gift.code));
    expect(mails[0].text).toContain(redeemCreditUrl(gift.code));
    const [card] = await db.select().from(giftCards).where(eq(giftCards.id, gift.card.id));
    expect(card.deliveredAt?.getTime()).toBe(onTheDay.getTime());
    expect(await deliverDueGiftCards(db, new Date(onTheDay.getTime() + DAY))).toBe(0);
  });

  it("mails a card due today within the payment, and none for a card printed at home", async () => {
    const now = new Date();
    const today = await buyGift(db, { gift: { recipientEmail: giftEmail("friend"), senderName: "Kim" } }, now);
    expect(await queuedEmails(db, `gift-delivery:${today.card.id}`)).toHaveLength(1);
    expect(await deliveryJobs(db, today.card.id)).toEqual([]);
    const printed = await buyGift(db, { gift: { senderName: "Kim", message: "For you" } }, now);
    expect(printed.card.recipientEmail).toBeNull();
    expect(await queuedEmails(db, `gift-delivery:${printed.card.id}`)).toEqual([]);
    expect(await queuedEmails(db, `gift-receipt:${printed.purchaseId}`)).toHaveLength(1);
  });

  it("opens its card page by the buyer's token only; forged and unknown tokens find nothing", async () => {
    const owner = await makeUser(db);
    const band = await makeArtist(db, owner.id);
    const gift = await buyGift(db, { artistId: band.id, gift: { senderName: "Jo" } });
    const page = await giftCardByPageToken(db, gift.pageToken);
    expect(page).toMatchObject({ code: formatGiftCode(gift.code), redeemUrl: redeemCreditUrl(gift.code) });
    expect(page?.band?.name).toBe(band.name);
    expect(page?.card.id).toBe(gift.card.id);
    const forged = gift.pageToken.slice(0, -1) + (gift.pageToken.endsWith("A") ? "B" : "A");
    for (const token of [forged, "", "nope", `${gift.pageToken}x`, gift.code])
      expect(await giftCardByPageToken(db, token)).toBeNull();
  });
});

describe("redeeming through redeemCredit", () => {
  it("credits one of 50 fans trying the same card at once", async () => {
    const gift = await buyGift(db);
    const fans = Array.from({ length: 50 }, () => giftEmail());
    const results = await Promise.all(
      fans.map((email, i) =>
        redeemCredit(db, { code: formatGiftCode(gift.code).toLowerCase(), email, ip: `10.1.0.${i}` }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === "already_redeemed")).toHaveLength(49);
    const winner = fans[results.findIndex((r) => r.ok)];
    expect(await fanBalances(db, winner)).toMatchObject([{ amount: 2500, currency: "EUR", scope: "platform" }]);
    expect(await checkLedger(db)).toEqual({ drifted: [], unbalanced: [] });
  });

  it("stops guessing after 10 wrong codes per IP and per e-mail, even 30 at once; right codes do not count", async () => {
    const ip = `10.2.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const email = giftEmail("guesser");
    const wrong = () => "ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZ" + "ABCDEFGHJK"[Math.floor(Math.random() * 10)];
    const real = await buyGift(db);
    expect(await redeemCredit(db, { code: real.code, email, ip })).toMatchObject({ ok: true });
    expect(await redeemCredit(db, { code: real.code, email, ip })).toEqual({ ok: false, reason: "already_redeemed" });
    const burst = await Promise.all(Array.from({ length: 30 }, () => redeemCredit(db, { code: wrong(), email, ip })));
    expect(burst.filter((r) => !r.ok && r.reason === "not_found")).toHaveLength(10);
    expect(burst.filter((r) => !r.ok && r.reason === "rate_limited")).toHaveLength(20);
    // Even a good code waits now, from this IP or for this e-mail from elsewhere.
    const another = await buyGift(db);
    expect(await redeemCredit(db, { code: another.code, email: giftEmail(), ip })).toMatchObject({
      ok: false,
      reason: "rate_limited",
    });
    expect(await redeemCredit(db, { code: another.code, email, ip: "10.3.3.3" })).toMatchObject({
      ok: false,
      reason: "rate_limited",
    });
    // A quarter of an hour later the fan may try again.
    const later = new Date(Date.now() + 16 * 60_000);
    expect(await redeemCredit(db, { code: another.code, email, ip, now: later })).toMatchObject({ ok: true });
    expect(await redeemCredit(db, { code: "x", email: "not an email", ip })).toEqual({
      ok: false,
      reason: "invalid_email",
    });
  });
});

describe("signing in to redeem", () => {
  it("mails a sign-in link that comes back to the code only for a live card, and the same answer otherwise", async () => {
    const gift = await buyGift(db);
    const friend = giftEmail("newcomer");
    const ip = "10.5.0.1";
    const live = await checkRedeemLink(db, { code: gift.code, email: friend, ip });
    expect(live).toEqual({ ok: true, email: friend, live: true });
    const sent = await requestLibraryLink(db, {
      email: friend,
      ip,
      locale: "en",
      next: `/gift/redeem?code=${gift.code}`,
      holdsCredit: true,
    });
    expect(sent).toEqual({ ok: true, email: friend });
    const [mail] = await db.select().from(emailQueue).where(eq(emailQueue.to, friend));
    expect(mail.text).toContain(`&next=${encodeURIComponent(`/gift/redeem?code=${gift.code}`)}`);
    expect(await checkRedeemLink(db, { code: "AAAA-BBBB-CCCC-DDDD-EEEE", email: friend, ip })).toEqual({
      ok: true,
      email: friend,
      live: false,
    });
    // Only the redeem page is a place to come back to.
    expect(safeLibraryNext("https://evil.example/")).toBeNull();
    expect(safeLibraryNext("/gift/redeem?code=AB12&x=https://evil.example")).toBeNull();
  });

  it("lets a fan who holds only credit (no purchases) open the library", async () => {
    const fan = giftEmail("holder");
    const gift = await buyGift(db);
    expect(await redeemCredit(db, { code: gift.code, email: fan, ip: "10.6.0.1" })).toMatchObject({ ok: true });
    await requestLibraryLink(db, { email: fan, ip: "10.6.0.1", locale: "en" });
    expect(await db.select().from(emailQueue).where(eq(emailQueue.to, fan))).toHaveLength(1);
    const stranger = giftEmail("stranger");
    await requestLibraryLink(db, { email: stranger, ip: "10.6.0.1", locale: "en" });
    expect(await db.select().from(emailQueue).where(eq(emailQueue.to, stranger))).toEqual([]);
  });
});

describe("cards past their validity", () => {
  it("expire once, even with two chores at the same moment, and the ledger stays balanced", async () => {
    const now = new Date();
    const stale = await buyGift(db, {}, new Date(now.getTime() - 3 * DAY));
    await db
      .update(giftCards)
      .set({ expiresAt: new Date(now.getTime() - DAY) })
      .where(eq(giftCards.id, stale.card.id));
    const redeemed = await buyGift(db);
    await redeemCredit(db, { code: redeemed.code, email: giftEmail(), ip: "10.4.0.1" });
    await db
      .update(giftCards)
      .set({ expiresAt: new Date(now.getTime() - DAY) })
      .where(eq(giftCards.id, redeemed.card.id));

    await Promise.all([expireCards(db, now), expireCards(db, now)]);
    const [card] = await db.select().from(giftCards).where(eq(giftCards.id, stale.card.id));
    expect(card.status).toBe("expired");
    const expiries = await db
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.giftCardId, stale.card.id), eq(ledgerEntries.kind, "expire")));
    expect(expiries.map((e) => e.amount)).toEqual([2500]);
    const [kept] = await db.select().from(giftCards).where(eq(giftCards.id, redeemed.card.id));
    expect(kept.status).toBe("redeemed");
    expect((await ensureAccount(db, { kind: "card", giftCardId: stale.card.id, currency: "EUR" })).balance).toBe(0);
    expect(await redeemCredit(db, { code: stale.code, email: giftEmail(), ip: "10.4.0.2" })).toEqual({
      ok: false,
      reason: "expired",
    });
    expect(await checkLedger(db)).toEqual({ drifted: [], unbalanced: [] });
  });
});
