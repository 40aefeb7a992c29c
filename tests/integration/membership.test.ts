import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { artistInvites, artistMembers, artists, outboxEmails } from "@/db/schema";
import {
  acceptInvite,
  checkArtistAccess,
  inviteMember,
  listTeam,
  removeMember,
  revokeInvite,
  updateArtistProfile,
} from "@/lib/artists";
import { addMember, makeArtist, makeUser, useTestDb } from "@/tests/support/factories";

const db = useTestDb();

async function twoBands() {
  const alice = await makeUser(db, { name: "Alice" });
  const bob = await makeUser(db, { name: "Bob" });
  const bandA = await makeArtist(db, alice.id);
  const bandB = await makeArtist(db, bob.id);
  return { alice, bob, bandA, bandB };
}

// The band's own colour: a Free band may not change it (a Pro option), and these tests are about roles.
const profileOf = (artist: { name: string; slug: string; accentColor: string }) => ({
  name: "Hijacked",
  slug: artist.slug,
  currency: "EUR",
  accentColor: artist.accentColor,
});

describe("a member of band A, acting on band B", () => {
  it("is not a member, whether B is named by id or by slug", async () => {
    const { alice, bandB } = await twoBands();
    expect(await checkArtistAccess(db, alice.id, { id: bandB.id })).toEqual({ allowed: false, reason: "not_member" });
    expect(await checkArtistAccess(db, alice.id, { slug: bandB.slug })).toEqual({
      allowed: false,
      reason: "not_member",
    });
    expect(await checkArtistAccess(db, alice.id, { id: "no-such-band" })).toEqual({
      allowed: false,
      reason: "not_found",
    });
  });

  it("cannot edit B's profile, invite to B, list or remove B's members", async () => {
    const { alice, bob, bandB } = await twoBands();
    expect(await updateArtistProfile(db, alice.id, bandB.id, profileOf(bandB))).toEqual({
      ok: false,
      error: "forbidden",
    });
    expect(await inviteMember(db, alice.id, bandB.id, { email: "mole@example.test", role: "owner" }, "en")).toEqual({
      ok: false,
      error: "forbidden",
    });
    expect(await listTeam(db, alice.id, bandB.id)).toBeNull();
    expect(await removeMember(db, alice.id, bandB.id, bob.id)).toEqual({ ok: false, error: "forbidden" });

    const [after] = await db.select().from(artists).where(eq(artists.id, bandB.id));
    expect(after.name).toBe(bandB.name);
    expect(await db.select().from(artistInvites).where(eq(artistInvites.artistId, bandB.id))).toHaveLength(0);
    expect(await db.select().from(artistMembers).where(eq(artistMembers.artistId, bandB.id))).toHaveLength(1);
  });

  it("cannot revoke B's invitations by id", async () => {
    const { alice, bob, bandB } = await twoBands();
    await inviteMember(db, bob.id, bandB.id, { email: "drummer@example.test", role: "member" }, "en");
    const [invite] = await db.select().from(artistInvites).where(eq(artistInvites.artistId, bandB.id));
    expect(await revokeInvite(db, alice.id, bandB.id, invite.id)).toEqual({ ok: false, error: "forbidden" });
    const { bandA } = await twoBands();
    expect(await revokeInvite(db, alice.id, bandA.id, invite.id)).toEqual({ ok: false, error: "forbidden" });
    expect(await db.select().from(artistInvites).where(eq(artistInvites.id, invite.id))).toHaveLength(1);
  });
});

describe("roles inside a band", () => {
  it("members edit the profile; only owners invite and remove", async () => {
    const { alice, bandA } = await twoBands();
    const carol = await makeUser(db);
    await addMember(db, bandA.id, carol.id, "member");
    expect((await updateArtistProfile(db, carol.id, bandA.id, { ...profileOf(bandA), name: "New name" })).ok).toBe(
      true,
    );
    expect(await inviteMember(db, carol.id, bandA.id, { email: "x@example.test", role: "member" }, "en")).toEqual({
      ok: false,
      error: "forbidden",
    });
    expect(await removeMember(db, carol.id, bandA.id, alice.id)).toEqual({ ok: false, error: "forbidden" });
  });

  it("the last owner cannot be removed", async () => {
    const { alice, bandA } = await twoBands();
    expect(await removeMember(db, alice.id, bandA.id, alice.id)).toEqual({ ok: false, error: "last_owner" });
    const dave = await makeUser(db);
    await addMember(db, bandA.id, dave.id, "owner");
    expect(await removeMember(db, alice.id, bandA.id, dave.id)).toEqual({ ok: true });
  });
});

describe("inviting a bandmate", () => {
  it("mails a link that makes the invited address a member, once", async () => {
    const { alice, bandA } = await twoBands();
    const drummer = await makeUser(db, { email: `drums-${bandA.slug}@example.test` });
    const sent = await inviteMember(
      db,
      alice.id,
      bandA.id,
      { email: drummer.email.toUpperCase(), role: "member" },
      "fr",
    );
    if (!sent.ok) throw new Error(JSON.stringify(sent));
    const token = sent.inviteUrl.split("/invite/")[1];

    const [mail] = await db.select().from(outboxEmails).where(eq(outboxEmails.to, drummer.email));
    expect(mail.subject).toContain(bandA.name);
    expect(mail.subject).toMatch(/Rejoignez|Rejoindre/i);
    expect(mail.text).toContain(sent.inviteUrl);

    const stranger = await makeUser(db);
    expect(await acceptInvite(db, stranger, token)).toEqual({ ok: false, error: "wrong_account" });
    expect(await acceptInvite(db, drummer, token)).toEqual({ ok: true, artistSlug: bandA.slug });
    expect(await checkArtistAccess(db, drummer.id, { id: bandA.id })).toMatchObject({ allowed: true, role: "member" });
    expect(await acceptInvite(db, drummer, token)).toEqual({ ok: false, error: "invalid_or_expired" });
  });

  it("refuses bad addresses, existing members and expired links", async () => {
    const { alice, bandA } = await twoBands();
    expect(await inviteMember(db, alice.id, bandA.id, { email: "not-an-email", role: "member" }, "en")).toMatchObject({
      ok: false,
      error: "invalid",
      fieldErrors: { email: "email_invalid" },
    });
    expect(await inviteMember(db, alice.id, bandA.id, { email: alice.email, role: "member" }, "en")).toEqual({
      ok: false,
      error: "already_member",
    });

    const late = await makeUser(db);
    const sent = await inviteMember(db, alice.id, bandA.id, { email: late.email, role: "member" }, "en");
    if (!sent.ok) throw new Error("setup failed");
    await db
      .update(artistInvites)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(artistInvites.email, late.email));
    expect(await acceptInvite(db, late, sent.inviteUrl.split("/invite/")[1])).toEqual({
      ok: false,
      error: "invalid_or_expired",
    });
    expect(await acceptInvite(db, late, "forged")).toEqual({ ok: false, error: "invalid_or_expired" });
  });
});
