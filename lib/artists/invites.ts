import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import { artistInvites, artistMembers, artists, users, type MemberRole } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit";
import { normalizeEmail } from "@/lib/auth/accounts";
import { endAllSessions } from "@/lib/auth/sessions";
import { hashToken, newToken } from "@/lib/auth/tokens";
import { renderEmail, sendEmail } from "@/lib/email";
import { env } from "@/lib/env";
import { translator } from "@/lib/i18n";
import { checkArtistAccess } from "./access";

const INVITE_TTL_MS = 14 * 24 * 60 * 60 * 1000;

/** The member acting, as the band's audit trail records them (their address is a snapshot). */
async function memberActor(db: DbOrTx, userId: string): Promise<Actor> {
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  return { kind: "member", userId, email: user?.email ?? null };
}

export const inviteSchema = z.object({
  email: z.email({ message: "email_invalid" }).transform(normalizeEmail),
  role: z.enum(["owner", "member"], { message: "role_invalid" }),
});

export type InviteResult =
  | { ok: true; inviteUrl: string }
  | { ok: false; error: "forbidden" | "already_member" | "invalid"; fieldErrors?: Record<string, string> };

/** Only owners invite. The invite is a link mailed to the address; it works for that address only. */
export async function inviteMember(
  db: Db,
  inviterId: string,
  artistId: string,
  raw: unknown,
  locale: string,
): Promise<InviteResult> {
  const access = await checkArtistAccess(db, inviterId, { id: artistId }, "owner");
  if (!access.allowed) return { ok: false, error: "forbidden" };
  const parsed = inviteSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      error: "invalid",
      fieldErrors: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])),
    };
  }
  const { email, role } = parsed.data;
  const [existing] = await db
    .select({ userId: artistMembers.userId })
    .from(artistMembers)
    .innerJoin(users, eq(users.id, artistMembers.userId))
    .where(and(eq(artistMembers.artistId, artistId), sql`lower(${users.email}) = ${email}`))
    .limit(1);
  if (existing) return { ok: false, error: "already_member" };

  const { token, tokenHash } = newToken();
  const inviteUrl = `${env().APP_URL}/invite/${token}`;
  const { t } = translator(locale);
  await db.transaction(async (tx) => {
    await tx.insert(artistInvites).values({
      artistId,
      email,
      role,
      tokenHash,
      invitedById: inviterId,
      expiresAt: new Date(Date.now() + INVITE_TTL_MS),
    });
    await recordAudit(tx, {
      artistId,
      actor: await memberActor(tx, inviterId),
      action: "member.invite",
      details: { email, role },
    });
    await sendEmail(
      tx,
      renderEmail({
        to: email,
        subject: t("email.invite.subject", { band: access.artist.name }),
        intro: t("email.invite.intro", { band: access.artist.name }),
        action: { label: t("email.invite.action"), url: inviteUrl },
        outro: t("email.invite.outro"),
      }),
    );
  });
  return { ok: true, inviteUrl };
}

export type InvitePreview =
  | { ok: true; artistName: string; artistSlug: string; email: string; role: MemberRole }
  | { ok: false; error: "invalid_or_expired" };

export async function previewInvite(db: Db, token: string): Promise<InvitePreview> {
  const [row] = await db
    .select({ invite: artistInvites, artistName: artists.name, artistSlug: artists.slug })
    .from(artistInvites)
    .innerJoin(artists, eq(artists.id, artistInvites.artistId))
    .where(
      and(
        eq(artistInvites.tokenHash, hashToken(token)),
        isNull(artistInvites.acceptedAt),
        gt(artistInvites.expiresAt, new Date()),
      ),
    )
    .limit(1);
  if (!row) return { ok: false, error: "invalid_or_expired" };
  return {
    ok: true,
    artistName: row.artistName,
    artistSlug: row.artistSlug,
    email: row.invite.email,
    role: row.invite.role,
  };
}

export type AcceptResult =
  { ok: true; artistSlug: string } | { ok: false; error: "invalid_or_expired" | "wrong_account" };

export async function acceptInvite(db: Db, user: { id: string; email: string }, token: string): Promise<AcceptResult> {
  return db.transaction(async (tx) => {
    const [invite] = await tx
      .select()
      .from(artistInvites)
      .where(
        and(
          eq(artistInvites.tokenHash, hashToken(token)),
          isNull(artistInvites.acceptedAt),
          gt(artistInvites.expiresAt, new Date()),
        ),
      )
      .for("update")
      .limit(1);
    if (!invite) return { ok: false, error: "invalid_or_expired" } as const;
    if (normalizeEmail(user.email) !== invite.email) return { ok: false, error: "wrong_account" } as const;
    await tx
      .insert(artistMembers)
      .values({ artistId: invite.artistId, userId: user.id, role: invite.role })
      .onConflictDoNothing();
    await tx
      .update(artistInvites)
      .set({ acceptedAt: new Date(), acceptedById: user.id })
      .where(eq(artistInvites.id, invite.id));
    await recordAudit(tx, {
      artistId: invite.artistId,
      actor: { kind: "member", userId: user.id, email: user.email },
      action: "member.join",
      details: { email: invite.email, role: invite.role },
    });
    const [artist] = await tx.select({ slug: artists.slug }).from(artists).where(eq(artists.id, invite.artistId));
    return { ok: true, artistSlug: artist.slug } as const;
  });
}

export async function listTeam(db: Db, userId: string, artistId: string) {
  const access = await checkArtistAccess(db, userId, { id: artistId });
  if (!access.allowed) return null;
  const members = await db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: artistMembers.role,
      since: artistMembers.createdAt,
    })
    .from(artistMembers)
    .innerJoin(users, eq(users.id, artistMembers.userId))
    .where(eq(artistMembers.artistId, artistId))
    .orderBy(asc(artistMembers.createdAt));
  const invites = await db
    .select({
      id: artistInvites.id,
      email: artistInvites.email,
      role: artistInvites.role,
      expiresAt: artistInvites.expiresAt,
    })
    .from(artistInvites)
    .where(
      and(
        eq(artistInvites.artistId, artistId),
        isNull(artistInvites.acceptedAt),
        gt(artistInvites.expiresAt, new Date()),
      ),
    )
    .orderBy(asc(artistInvites.createdAt));
  return { role: access.role, members, invites };
}

export type RemoveResult = { ok: true } | { ok: false; error: "forbidden" | "last_owner" | "not_found" };

/** Owners remove members (or themselves while another owner remains). */
export async function removeMember(db: Db, ownerId: string, artistId: string, memberId: string): Promise<RemoveResult> {
  const access = await checkArtistAccess(db, ownerId, { id: artistId }, "owner");
  if (!access.allowed) return { ok: false, error: "forbidden" };
  return db.transaction(async (tx) => {
    // Lock the band's owner rows so two owners removing each other cannot leave none.
    const owners = await tx
      .select({ userId: artistMembers.userId })
      .from(artistMembers)
      .where(and(eq(artistMembers.artistId, artistId), eq(artistMembers.role, "owner")))
      .for("update");
    const [target] = await tx
      .select({ role: artistMembers.role, email: users.email })
      .from(artistMembers)
      .innerJoin(users, eq(users.id, artistMembers.userId))
      .where(and(eq(artistMembers.artistId, artistId), eq(artistMembers.userId, memberId)));
    if (!target) return { ok: false, error: "not_found" } as const;
    if (target.role === "owner" && owners.length <= 1) return { ok: false, error: "last_owner" } as const;
    await tx.delete(artistMembers).where(and(eq(artistMembers.artistId, artistId), eq(artistMembers.userId, memberId)));
    await recordAudit(tx, {
      artistId,
      actor: await memberActor(tx, ownerId),
      action: "member.remove",
      target: { type: "user", id: memberId },
      details: { email: target.email, role: target.role },
    });
    // Membership is checked on every request, so the band is closed to them now; their open
    // sessions end too (a copied cookie keeps nothing), and they sign in again for their other
    // bands. An owner leaving by themselves stays signed in.
    if (memberId !== ownerId) await endAllSessions(tx, memberId);
    return { ok: true } as const;
  });
}

export async function revokeInvite(db: Db, ownerId: string, artistId: string, inviteId: string): Promise<RemoveResult> {
  const access = await checkArtistAccess(db, ownerId, { id: artistId }, "owner");
  if (!access.allowed) return { ok: false, error: "forbidden" };
  return db.transaction(async (tx) => {
    const [deleted] = await tx
      .delete(artistInvites)
      .where(
        and(eq(artistInvites.id, inviteId), eq(artistInvites.artistId, artistId), isNull(artistInvites.acceptedAt)),
      )
      .returning();
    if (!deleted) return { ok: false, error: "not_found" } as const;
    await recordAudit(tx, {
      artistId,
      actor: await memberActor(tx, ownerId),
      action: "member.invite_revoke",
      details: { email: deleted.email, role: deleted.role },
    });
    return { ok: true } as const;
  });
}
