import { and, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { downloadGrants, emailQueue, libraryLoginTokens, users } from "@/db/schema";
import { seal } from "@/lib/crypto";
import {
  findLibraryGrant,
  libraryLinkLimits,
  libraryLinkState,
  listLibrary,
  readLibrarySession,
  redeemLibraryLink,
  requestLibraryLink,
  sealLibrarySession,
  verifiedAccountEmail,
} from "@/lib/library";
import { createDownloadGrant } from "@/lib/orders/download-grants";
import { makeUser, unique, useTestDb } from "@/tests/support/factories";
import { makeShop } from "@/tests/support/orders";

const db = useTestDb();
const ip = () => `203.0.113.${Math.floor(Math.random() * 250)}-${unique("ip")}`;

async function mailsTo(email: string) {
  return db
    .select()
    .from(emailQueue)
    .where(and(eq(emailQueue.to, email), like(emailQueue.dedupeKey, "library-link:%")));
}

/**
 * The link in the one library mail to this address not among `earlier` (tokens already read), as
 * the fan would click it. Mails are told apart by their content, not by when they were queued: two
 * mails of one test can share a created_at, and rows come back in no set order.
 */
async function linkTokenFor(email: string, earlier: string[] = []) {
  const tokens = (await mailsTo(email))
    .map((mail) => mail.text.match(/https?:\/\/\S+\/library\/open\?token=\S+/)?.[0])
    .filter((url): url is string => url !== undefined)
    .map((url) => new URL(url).searchParams.get("token")!)
    .filter((token) => !earlier.includes(token));
  if (tokens.length !== 1) throw new Error(`expected one new library link mailed to ${email}, found ${tokens.length}`);
  return tokens[0];
}

async function fanWithPurchases() {
  const email = `${unique("fan")}@example.test`;
  const shop = await makeShop(db);
  const grant = await createDownloadGrant(db, {
    artistId: shop.artist.id,
    orderId: null,
    email,
    items: [{ releaseId: shop.album.id, trackId: null }],
  });
  return { email, shop, grant };
}

describe("asking for a library link", () => {
  it("mails a link when the address has purchases, and answers the same when it has none", async () => {
    const { email } = await fanWithPurchases();
    const stranger = `${unique("nobody")}@example.test`;
    const withPurchases = await requestLibraryLink(db, { email: ` ${email.toUpperCase()} `, ip: ip(), locale: "fr" });
    const without = await requestLibraryLink(db, { email: stranger, ip: ip(), locale: "en" });
    expect(withPurchases).toEqual({ ok: true, email });
    expect(without).toEqual({ ok: true, email: stranger });

    const [mail] = await mailsTo(email);
    expect(mail.subject).toBe("Votre bibliothèque Merchtable");
    expect(mail.text).toMatch(/\/library\/open\?token=[A-Za-z0-9_-]{43}/);
    expect(await mailsTo(stranger)).toHaveLength(0);
    // Only the hash is kept.
    const token = await linkTokenFor(email);
    expect(await db.select().from(libraryLoginTokens).where(eq(libraryLoginTokens.tokenHash, token))).toHaveLength(0);
  });

  it("refuses a malformed address and stops after a few requests for one address", async () => {
    expect(await requestLibraryLink(db, { email: "not an email", ip: ip(), locale: "en" })).toEqual({
      ok: false,
      reason: "invalid_email",
    });
    const { email } = await fanWithPurchases();
    for (let i = 0; i < libraryLinkLimits.perEmail.max; i++) {
      expect((await requestLibraryLink(db, { email, ip: ip(), locale: "en" })).ok).toBe(true);
    }
    expect(await requestLibraryLink(db, { email, ip: ip(), locale: "en" })).toMatchObject({
      ok: false,
      reason: "rate_limited",
    });
    expect(await mailsTo(email)).toHaveLength(libraryLinkLimits.perEmail.max);
  });

  it("stops one address asking for many others", async () => {
    const from = ip();
    for (let i = 0; i < libraryLinkLimits.perIp.max; i++) {
      await requestLibraryLink(db, { email: `${unique("probe")}@example.test`, ip: from, locale: "en" });
    }
    expect(
      await requestLibraryLink(db, { email: `${unique("probe")}@example.test`, ip: from, locale: "en" }),
    ).toMatchObject({ ok: false, reason: "rate_limited" });
  });
});

describe("the emailed link", () => {
  it("signs in once; a second use, an unknown token and an hour-old link are refused", async () => {
    const { email } = await fanWithPurchases();
    await requestLibraryLink(db, { email, ip: ip(), locale: "en" });
    const token = await linkTokenFor(email);
    expect(await libraryLinkState(db, token)).toBe("live");
    const [first, second] = await Promise.all([redeemLibraryLink(db, token), redeemLibraryLink(db, token)]);
    expect([first, second].filter((r) => r.ok)).toEqual([{ ok: true, email }]);
    expect(await redeemLibraryLink(db, token)).toEqual({ ok: false, reason: "used" });
    expect(await libraryLinkState(db, token)).toBe("used");
    expect(await redeemLibraryLink(db, "x".repeat(43))).toEqual({ ok: false, reason: "unknown" });
    expect(await redeemLibraryLink(db, "short")).toEqual({ ok: false, reason: "unknown" });

    await requestLibraryLink(db, { email, ip: ip(), locale: "en" });
    const later = await linkTokenFor(email, [token]);
    const inAnHour = new Date(Date.now() + 60 * 60 * 1000 + 1000);
    expect(await libraryLinkState(db, later, inAnHour)).toBe("expired");
    expect(await redeemLibraryLink(db, later, inAnHour)).toEqual({ ok: false, reason: "expired" });
    // Refused when expired, and still unspent for the present.
    expect(await redeemLibraryLink(db, later)).toEqual({ ok: true, email });
  });
});

describe("the library cookie", () => {
  it("holds the email for 30 days and is worthless when altered, forged or old", () => {
    const now = new Date();
    const { value, maxAge } = sealLibrarySession("Fan@Example.test", now);
    expect(maxAge).toBe(30 * 24 * 60 * 60);
    expect(value).not.toContain("example");
    expect(readLibrarySession(value, now)).toBe("fan@example.test");
    expect(readLibrarySession(value, new Date(now.getTime() + 29 * 86_400_000))).toBe("fan@example.test");
    expect(readLibrarySession(value, new Date(now.getTime() + 31 * 86_400_000))).toBeNull();
    const flipped = value.slice(0, 20) + (value[20] === "a" ? "b" : "a") + value.slice(21);
    expect(readLibrarySession(flipped, now)).toBeNull();
    // Sealed for another purpose (say, the order's download token): not a library session.
    expect(
      readLibrarySession(seal("download-token", JSON.stringify({ e: "fan@example.test", x: 9e9 })), now),
    ).toBeNull();
    expect(readLibrarySession(undefined, now)).toBeNull();
    expect(readLibrarySession("garbage", now)).toBeNull();
  });
});

describe("what the library shows", () => {
  it("lists only this address's standing purchases, across bands, newest first", async () => {
    const { email, shop } = await fanWithPurchases();
    const other = await makeShop(db);
    const single = await createDownloadGrant(db, {
      artistId: other.artist.id,
      orderId: null,
      email,
      items: [{ releaseId: other.album.id, trackId: other.tracks[1].id }],
    });
    const refunded = await createDownloadGrant(db, {
      artistId: other.artist.id,
      orderId: null,
      email,
      items: [{ releaseId: other.album.id, trackId: null }],
    });
    await db.update(downloadGrants).set({ revokedAt: new Date() }).where(eq(downloadGrants.id, refunded.grantId));
    const someoneElse = await createDownloadGrant(db, {
      artistId: shop.artist.id,
      orderId: null,
      email: `${unique("else")}@example.test`,
      items: [{ releaseId: shop.album.id, trackId: null }],
    });
    // "Newest" by a clock two quick writes can share: the first purchase is dated a day earlier.
    await db
      .update(downloadGrants)
      .set({ createdAt: new Date(Date.now() - 86_400_000) })
      .where(eq(downloadGrants.id, (await fanGrant(email, shop.artist.id))!));

    const entries = await listLibrary(db, email.toUpperCase());
    expect(entries.map((e) => e.grantId)).toEqual([single.grantId, (await fanGrant(email, shop.artist.id))!]);
    expect(entries[0]).toMatchObject({
      artist: { name: other.artist.name },
      items: [{ title: "Song 2", releaseTitle: "Test Album", isTrack: true }],
    });
    expect(entries[1]).toMatchObject({
      artist: { name: shop.artist.name },
      items: [{ title: "Test Album", isTrack: false, kind: "album" }],
    });
    expect(entries.map((e) => e.grantId)).not.toContain(someoneElse.grantId);

    expect(await findLibraryGrant(db, email, single.grantId)).toMatchObject({ id: single.grantId });
    expect(await findLibraryGrant(db, email, someoneElse.grantId)).toBeNull();
    expect(await findLibraryGrant(db, email, "not-a-uuid")).toBeNull();
    expect(await listLibrary(db, `${unique("nobody")}@example.test`)).toEqual([]);
  });

  it("opens for a signed-in account only when its email was proven", async () => {
    const user = await makeUser(db);
    expect(await verifiedAccountEmail(db, user.id)).toBeNull();
    await db.update(users).set({ emailVerified: new Date() }).where(eq(users.id, user.id));
    expect(await verifiedAccountEmail(db, user.id)).toBe(user.email.toLowerCase());
  });
});

async function fanGrant(email: string, artistId: string) {
  const [row] = await db
    .select({ id: downloadGrants.id })
    .from(downloadGrants)
    .where(and(eq(downloadGrants.email, email), eq(downloadGrants.artistId, artistId)));
  return row?.id;
}
