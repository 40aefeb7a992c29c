import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { fanProfiles, follows, releases } from "@/db/schema";
import {
  confirmFollow,
  followAsFan,
  followUnsubscribeToken,
  followUnsubscribeUrl,
  followWithEmail,
  sendDigest,
  sendFollowDigests,
  unfollow,
  unsubscribeFollowWithToken,
} from "@/lib/follows";
import { unique, useTestDb } from "@/tests/support/factories";
import { confirmToken, fanEmail, followRow, mailTo, makeBand, releaseOut } from "@/tests/support/follows";

const db = useTestDb();
const HOUR = 60 * 60 * 1000;
/** A fixed evening, so "12 hours later" falls on the next UTC date (the dedupe key's day changes). */
const T0 = new Date("2031-03-10T18:00:00Z");
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);

const follow = (artistId: string, email: string, now = T0) =>
  followAsFan(db, { artistId, email, source: "shop", locale: "en", now });
const digests = (email: string) => mailTo(db, email, "follows-digest:");

describe("the new-release digest", () => {
  it("groups several bands' releases in one mail, with a stop link per band and one for all", async () => {
    const owls = await makeBand(db, `Owls ${unique("b")}`);
    const moths = await makeBand(db, `Moths ${unique("b")}`);
    const email = fanEmail();
    await follow(owls.id, email);
    await follow(moths.id, email);
    await releaseOut(db, owls.id, "Night Songs", at(-1)); // before the follow: not news
    await releaseOut(db, owls.id, "Barn Echoes", at(1));
    await releaseOut(db, owls.id, "Moonlit", at(2));
    await releaseOut(db, moths.id, "Lamp", at(3));

    expect(await sendFollowDigests(db, at(4))).toBeGreaterThanOrEqual(1);
    const [mail] = await digests(email);
    expect(mail.subject).toBe(`New releases from ${moths.name} and ${owls.name}`);
    for (const title of ["Barn Echoes", "Moonlit", "Lamp"]) expect(mail.text).toContain(`${title} by`);
    expect(mail.text).not.toContain("Night Songs");
    const owlsFollow = await followRow(db, owls.id, email);
    const mothsFollow = await followRow(db, moths.id, email);
    expect(mail.text).toContain(followUnsubscribeUrl({ kind: "follow", followId: owlsFollow.id }));
    expect(mail.text).toContain(followUnsubscribeUrl({ kind: "follow", followId: mothsFollow.id }));
    expect(mail.text).toContain(followUnsubscribeUrl({ kind: "all", email }));
    expect(mail.html).toContain(`/${owls.slug}/`);
    // Each follow is told through its newest release in the mail; the fan's day is spent.
    expect(owlsFollow.notifiedThrough).toEqual(at(2));
    expect(mothsFollow.notifiedThrough).toEqual(at(3));
    const [profile] = await db.select().from(fanProfiles).where(eq(fanProfiles.email, email));
    expect(profile.lastDigestAt).toEqual(at(4));
  });

  it("sends one a day at most: what comes out meanwhile waits for the next day's mail", async () => {
    const band = await makeBand(db, "Daily Band");
    const email = fanEmail();
    await follow(band.id, email);
    await releaseOut(db, band.id, "First", at(1));
    expect(await sendDigest(db, email, at(2))).toBe(true);
    expect((await digests(email))[0].subject).toBe("New from Daily Band: First");

    await releaseOut(db, band.id, "Second", at(3));
    // 12 hours later: another UTC date, still within the day.
    expect(await sendDigest(db, email, at(14))).toBe(false);
    expect(await digests(email)).toHaveLength(1);
    expect(await sendDigest(db, email, at(27))).toBe(true);
    const mails = await digests(email);
    expect(mails).toHaveLength(2);
    const second = mails.find((m) => m.subject.endsWith("Second"))!;
    expect(second.text).not.toContain("First by");
    // Nothing new: no mail, and the day is not spent.
    expect(await sendDigest(db, email, at(60))).toBe(false);
    const [profile] = await db.select().from(fanProfiles).where(eq(fanProfiles.email, email));
    expect(profile.lastDigestAt).toEqual(at(27));
  });

  it("sends nothing to a pending follower, one who unfollowed, or one who stopped all mail", async () => {
    const band = await makeBand(db);
    const [pending, gone, silent] = [fanEmail(), fanEmail(), fanEmail()];
    await followWithEmail(db, {
      artistId: band.id,
      email: pending,
      ip: unique("10.7"),
      locale: "en",
      source: "shop",
      now: T0,
    });
    await follow(band.id, gone);
    await unfollow(db, { artistId: band.id, email: gone, now: at(0.5) });
    await follow(band.id, silent);
    await unsubscribeFollowWithToken(db, followUnsubscribeToken({ kind: "all", email: silent }), at(0.5));
    await releaseOut(db, band.id, "Unheard", at(1));
    // Not taken down, not unlisted, not a draft: those are never news either.
    const hidden = await releaseOut(db, band.id, "Hidden", at(1));
    await db.update(releases).set({ listed: false }).where(eq(releases.id, hidden.id));

    await sendFollowDigests(db, at(2));
    for (const email of [pending, gone, silent]) {
      expect(await sendDigest(db, email, at(2))).toBe(false);
      expect(await digests(email)).toEqual([]);
    }

    // The pending fan confirms later: only releases from then on are news.
    const [mail] = await mailTo(db, pending, "follow-confirm:");
    await confirmFollow(db, confirmToken(mail.text), at(3));
    await releaseOut(db, band.id, "Heard", at(4));
    expect(await sendDigest(db, pending, at(5))).toBe(true);
    const [digest] = await digests(pending);
    expect(digest.text).toContain("Heard by");
    expect(digest.text).not.toContain("Unheard");
    expect(digest.text).not.toContain("Hidden");
  });

  it("is sent once when two chore runs race for the same fan", async () => {
    const band = await makeBand(db);
    const email = fanEmail();
    await follow(band.id, email);
    await releaseOut(db, band.id, "Contested", at(1));
    // A fan who had a digest before: no first insert of the profile to queue the two runs up.
    await db.insert(fanProfiles).values({ email, lastDigestAt: at(-48) });
    const results = await Promise.all([sendDigest(db, email, at(2)), sendDigest(db, email, at(2))]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await digests(email)).toHaveLength(1);
    const runs = await Promise.all([sendFollowDigests(db, at(30)), sendFollowDigests(db, at(30))]);
    expect(runs).toHaveLength(2);
    expect(await digests(email)).toHaveLength(1);
    const [row] = await db.select().from(follows).where(eq(follows.email, email));
    expect(row.notifiedThrough).toEqual(at(1));
  });
});
