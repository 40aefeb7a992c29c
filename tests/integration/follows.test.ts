import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { POST as oneClick } from "@/app/api/follows/unsubscribe/[token]/route";
import { fanProfiles, follows } from "@/db/schema";
import { listUnsubscribeHeaders } from "@/lib/email/list-unsubscribe";
import {
  confirmFollow,
  digestDedupeKey,
  followAsFan,
  followerRecipients,
  followUnsubscribeToken,
  followWithEmail,
  listFollowers,
  lookUpConfirmation,
  readFollowUnsubscribeToken,
  unfollow,
} from "@/lib/follows";
import { unique, useTestDb } from "@/tests/support/factories";
import { confirmToken, fanEmail, followRow, mailTo, makeBand } from "@/tests/support/follows";

const db = useTestDb();
const ask = (artistId: string, email: string, extra: { ip?: string; now?: Date } = {}) =>
  followWithEmail(db, {
    artistId,
    email,
    ip: extra.ip ?? unique("10.9"),
    locale: "en",
    source: "release",
    now: extra.now,
  });

async function linkOf(email: string) {
  const mails = await mailTo(db, email, "follow-confirm:");
  return confirmToken(mails.at(-1)!.text);
}

describe("following a band with an e-mail only (double opt-in)", () => {
  it("stays pending until the mailed link is confirmed; confirming twice is fine and says so", async () => {
    const band = await makeBand(db, "The Pending Owls");
    const email = fanEmail();
    expect(await ask(band.id, ` ${email.toUpperCase()} `)).toEqual({ ok: true, email });
    const pending = await followRow(db, band.id, email);
    expect(pending).toMatchObject({ status: "pending", confirmedAt: null, source: "release" });
    const [mail] = await mailTo(db, email, "follow-confirm:");
    expect(mail.subject).toBe("Confirm: follow The Pending Owls on Merchtable");
    const token = confirmToken(mail.text);
    // Only the token's SHA-256 is kept.
    expect(pending.confirmTokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(pending.confirmTokenHash).not.toContain(token);
    expect(await followerRecipients(db, band.id)).toEqual([]);

    expect(await lookUpConfirmation(db, token)).toMatchObject({ ok: true, already: false, email });
    expect(await confirmFollow(db, token)).toMatchObject({ ok: true, already: false, band: { name: band.name } });
    const confirmed = await followRow(db, band.id, email);
    expect(confirmed.status).toBe("confirmed");
    expect(confirmed.notifiedThrough).toEqual(confirmed.confirmedAt);
    expect(await confirmFollow(db, token)).toMatchObject({ ok: true, already: true });
    expect((await followRow(db, band.id, email)).confirmedAt).toEqual(confirmed.confirmedAt);
    expect((await followerRecipients(db, band.id)).map((r) => r.email)).toEqual([email]);
  });

  it("refuses forged and expired links, saying which, and changes nothing", async () => {
    const band = await makeBand(db);
    const email = fanEmail();
    const fourDaysAgo = new Date(Date.now() - 4 * 24 * 60 * 60 * 1000);
    await ask(band.id, email, { now: fourDaysAgo });
    const token = await linkOf(email);
    expect(await confirmFollow(db, token)).toEqual({ ok: false, reason: "expired" });
    expect(await confirmFollow(db, "A".repeat(43))).toEqual({ ok: false, reason: "unknown" });
    expect(await confirmFollow(db, `${token}x`)).toEqual({ ok: false, reason: "unknown" });
    expect(await confirmFollow(db, "'; drop table follows; --")).toEqual({ ok: false, reason: "unknown" });
    expect((await followRow(db, band.id, email)).status).toBe("pending");

    // Following again sends a fresh link, which works; the old one is replaced.
    await ask(band.id, email);
    const fresh = await linkOf(email);
    expect(fresh).not.toBe(token);
    expect(await confirmFollow(db, token)).toEqual({ ok: false, reason: "unknown" });
    expect(await confirmFollow(db, fresh)).toMatchObject({ ok: true, already: false });
  });

  it("answers the same for an address already following, with no duplicate row and no new mail", async () => {
    const band = await makeBand(db);
    const email = fanEmail();
    await ask(band.id, email);
    await confirmFollow(db, await linkOf(email));
    const before = await followRow(db, band.id, email);
    expect(await ask(band.id, email)).toEqual({ ok: true, email });
    expect(await ask(band.id, email.toUpperCase())).toEqual({ ok: true, email });
    const rows = await db.select().from(follows).where(eq(follows.email, email));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "confirmed", confirmTokenHash: before.confirmTokenHash });
    expect(await mailTo(db, email, "follow-confirm:")).toHaveLength(1);
  });

  it("limits confirmation mails per address and per network address", async () => {
    const band = await makeBand(db);
    const email = fanEmail();
    for (let i = 0; i < 5; i++) expect((await ask(band.id, email)).ok).toBe(true);
    expect(await ask(band.id, email)).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(await mailTo(db, email, "follow-confirm:")).toHaveLength(5);

    const ip = unique("10.8");
    for (let i = 0; i < 20; i++) expect((await ask(band.id, fanEmail(), { ip })).ok).toBe(true);
    const late = fanEmail();
    expect(await ask(band.id, late, { ip })).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(await followRow(db, band.id, late)).toBeUndefined();
  });

  it("refuses a bad address or an unknown band, writing nothing", async () => {
    const band = await makeBand(db);
    expect(await ask(band.id, "not-an-address")).toEqual({ ok: false, reason: "invalid_email" });
    const email = fanEmail();
    expect(await ask(crypto.randomUUID(), email)).toEqual({ ok: false, reason: "unknown_band" });
    expect(await db.select().from(follows).where(eq(follows.email, email))).toEqual([]);
  });
});

describe("following with the library session", () => {
  it("is confirmed at once, once, and ends with Unfollow", async () => {
    const band = await makeBand(db);
    const email = fanEmail();
    expect(await followAsFan(db, { artistId: band.id, email, source: "library", locale: "fr" })).toEqual({ ok: true });
    expect(await followAsFan(db, { artistId: band.id, email, source: "shop", locale: "fr" })).toEqual({ ok: true });
    const rows = await db.select().from(follows).where(eq(follows.email, email));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "confirmed", source: "library", locale: "fr" });
    expect(await mailTo(db, email, "follow-confirm:")).toHaveLength(0);
    expect((await listFollowers(db, band.id)).total).toBe(1);

    expect(await unfollow(db, { artistId: band.id, email })).toBe(true);
    expect(await followerRecipients(db, band.id)).toEqual([]);
    expect((await listFollowers(db, band.id)).total).toBe(0);
    // Following again from the library starts over.
    await followAsFan(db, { artistId: band.id, email, source: "release", locale: "en" });
    expect((await followRow(db, band.id, email)).unsubscribedAt).toBeNull();
  });

  it("shows a band its own followers only", async () => {
    const [mine, theirs] = [await makeBand(db), await makeBand(db)];
    const a = fanEmail();
    const b = fanEmail();
    await followAsFan(db, { artistId: mine.id, email: a, source: "shop", locale: "en" });
    await followAsFan(db, { artistId: theirs.id, email: b, source: "shop", locale: "en" });
    await ask(mine.id, fanEmail()); // pending: not a follower yet
    const list = await listFollowers(db, mine.id);
    expect(list.total).toBe(1);
    expect(list.followers.map((f) => f.email)).toEqual([a]);
  });
});

const post = (token: string) =>
  oneClick(
    new Request(`http://shop.test/follows/unsubscribe/${token}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    }),
    { params: Promise.resolve({ token }) },
  );

describe("one-click unsubscribe (RFC 8058)", () => {
  it("ends one band's follow at once, keeps the first moment when repeated, and leaves other bands alone", async () => {
    const [one, other] = [await makeBand(db, "Quiet Storm"), await makeBand(db)];
    const email = fanEmail();
    await followAsFan(db, { artistId: one.id, email, source: "shop", locale: "en" });
    await followAsFan(db, { artistId: other.id, email, source: "shop", locale: "en" });
    const follow = await followRow(db, one.id, email);
    const token = followUnsubscribeToken({ kind: "follow", followId: follow.id });
    const first = await post(token);
    expect(first.status).toBe(200);
    expect(await first.text()).toBe(`Done: ${email} no longer follows Quiet Storm.`);
    const left = (await followRow(db, one.id, email)).unsubscribedAt;
    expect(left).toBeInstanceOf(Date);
    expect((await post(token)).status).toBe(200);
    expect((await followRow(db, one.id, email)).unsubscribedAt).toEqual(left);
    expect((await followRow(db, other.id, email)).unsubscribedAt).toBeNull();
  });

  it("stops every mail from bands for the address with the 'all' link, and refuses forged links", async () => {
    const band = await makeBand(db);
    const email = fanEmail();
    await followAsFan(db, { artistId: band.id, email, source: "shop", locale: "en" });
    const follow = await followRow(db, band.id, email);

    const forged = [
      `f:${follow.id}.forged`,
      followUnsubscribeToken({ kind: "all", email: fanEmail() }).replace(/\.[^.]+$/, ".AAAA"),
      `${followUnsubscribeToken({ kind: "follow", followId: follow.id })}x`,
    ];
    for (const token of forged) expect((await post(token)).status).toBe(404);
    expect((await followRow(db, band.id, email)).unsubscribedAt).toBeNull();

    const all = followUnsubscribeToken({ kind: "all", email });
    const response = await post(all);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(`Done: no more e-mail from bands to ${email}.`);
    const [profile] = await db.select().from(fanProfiles).where(eq(fanProfiles.email, email));
    expect(profile.mailOffAt).toBeInstanceOf(Date);
    expect(await followerRecipients(db, band.id)).toEqual([]);
    await post(all);
    const [again] = await db.select().from(fanProfiles).where(eq(fanProfiles.email, email));
    expect(again.mailOffAt).toEqual(profile.mailOffAt);
  });

  it("puts the 'all' link in a digest's List-Unsubscribe header, with one-click", async () => {
    const email = fanEmail();
    const headers = await listUnsubscribeHeaders(db, digestDedupeKey(email, new Date()));
    expect(headers?.["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    const url = /^<(.+)>$/.exec(headers!["List-Unsubscribe"])![1];
    const token = new URL(url).pathname.replace("/follows/unsubscribe/", "");
    expect(readFollowUnsubscribeToken(token)).toEqual({ kind: "all", email });
  });
});
