import { asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import { sponsorMembers, sponsors, users, type Sponsor } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit";
import { normalizeEmail } from "@/lib/auth/accounts";
import { renderEmail, sendEmail } from "@/lib/email";
import { env } from "@/lib/env";
import { translator } from "@/lib/i18n";
import { readSponsorInvite, signSponsorInvite, SPONSOR_INVITE_DAYS } from "./invite-token";

const email = z.email({ message: "email_invalid" }).max(320, "email_invalid").transform(normalizeEmail);
export const sponsorSchema = z.object({
  name: z.string().trim().min(1, "name_required").max(200, "name_too_long"),
  contactEmail: email,
});

export type SponsorResult =
  { ok: true; sponsor: Sponsor } | { ok: false; error: "invalid"; fieldErrors: Record<string, string> };

const fieldErrorsOf = (error: z.ZodError) =>
  Object.fromEntries(error.issues.map((issue) => [String(issue.path[0]), issue.message]));

/** The operator opens a sponsor account (a library, a school, a town…). */
export async function createSponsor(db: Db, raw: unknown, actor: Actor): Promise<SponsorResult> {
  const parsed = sponsorSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
  return db.transaction(async (tx) => {
    const [sponsor] = await tx.insert(sponsors).values(parsed.data).returning();
    await recordAudit(tx, {
      artistId: null,
      actor,
      action: "sponsor.create",
      target: { type: "sponsor", id: sponsor.id },
      details: { name: sponsor.name, contactEmail: sponsor.contactEmail },
    });
    return { ok: true, sponsor } as const;
  });
}

export type SponsorRow = Sponsor & { members: number; programs: number };

export async function listSponsors(db: DbOrTx): Promise<SponsorRow[]> {
  const rows = await db
    .select({
      sponsor: sponsors,
      members: sql<number>`(select count(*)::int from sponsor_members m where m.sponsor_id = ${sponsors.id})`,
      programs: sql<number>`(select count(*)::int from sponsor_programs p where p.sponsor_id = ${sponsors.id})`,
    })
    .from(sponsors)
    .orderBy(asc(sponsors.name));
  return rows.map((r) => ({ ...r.sponsor, members: r.members, programs: r.programs }));
}

export async function listSponsorMembers(db: DbOrTx, sponsorId: string) {
  return db
    .select({ userId: users.id, email: users.email, name: users.name, since: sponsorMembers.createdAt })
    .from(sponsorMembers)
    .innerJoin(users, eq(users.id, sponsorMembers.userId))
    .where(eq(sponsorMembers.sponsorId, sponsorId))
    .orderBy(asc(sponsorMembers.createdAt));
}

export type AddMemberResult =
  | { ok: true; outcome: "added" | "invited"; inviteUrl?: string }
  | { ok: false; error: "not_found" | "already_member" | "email_invalid" };

/**
 * The operator adds a person to a sponsor by e-mail: an existing account joins at once; anyone
 * else gets a signed link by mail that lets them sign in (which creates their account) and join.
 */
export async function addSponsorMember(
  db: Db,
  sponsorId: string,
  rawEmail: unknown,
  actor: Actor,
  locale = "en",
): Promise<AddMemberResult> {
  const parsed = email.safeParse(rawEmail);
  if (!parsed.success) return { ok: false, error: "email_invalid" };
  const address = parsed.data;
  return db.transaction(async (tx) => {
    const [sponsor] = await tx.select().from(sponsors).where(eq(sponsors.id, sponsorId));
    if (!sponsor) return { ok: false, error: "not_found" } as const;
    const [user] = await tx
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.email}) = ${address}`);
    const target = { type: "sponsor", id: sponsorId };
    if (user) {
      const added = await tx
        .insert(sponsorMembers)
        .values({ sponsorId, userId: user.id })
        .onConflictDoNothing()
        .returning();
      if (!added.length) return { ok: false, error: "already_member" } as const;
      await recordAudit(tx, {
        artistId: null,
        actor,
        action: "sponsor.member_add",
        target,
        details: { email: address },
      });
      return { ok: true, outcome: "added" } as const;
    }
    const token = signSponsorInvite({
      sponsorId,
      email: address,
      expiresAt: Date.now() + SPONSOR_INVITE_DAYS * 86_400_000,
    });
    const inviteUrl = `${env().APP_URL}/sponsor/join/${token}`;
    const { t } = translator(locale);
    await recordAudit(tx, {
      artistId: null,
      actor,
      action: "sponsor.member_invite",
      target,
      details: { email: address },
    });
    await sendEmail(
      tx,
      renderEmail({
        to: address,
        subject: t("sponsor.email.subject", { sponsor: sponsor.name }),
        intro: t("sponsor.email.intro", { sponsor: sponsor.name }),
        action: { label: t("sponsor.email.action"), url: inviteUrl },
        outro: t("sponsor.email.outro", { days: SPONSOR_INVITE_DAYS }),
      }),
    );
    return { ok: true, outcome: "invited", inviteUrl } as const;
  });
}

export type InvitePreview = { ok: true; sponsor: Sponsor; email: string } | { ok: false };

export async function previewSponsorInvite(db: DbOrTx, token: string): Promise<InvitePreview> {
  const claims = readSponsorInvite(token);
  if (!claims) return { ok: false };
  const [sponsor] = await db.select().from(sponsors).where(eq(sponsors.id, claims.sponsorId));
  return sponsor ? { ok: true, sponsor, email: claims.email } : { ok: false };
}

export type AcceptResult =
  { ok: true; sponsorId: string } | { ok: false; error: "invalid_or_expired" | "wrong_account" };

/** The invited person, signed in with the invited address, joins (again: nothing changes). */
export async function acceptSponsorInvite(
  db: Db,
  user: { id: string; email: string },
  token: string,
): Promise<AcceptResult> {
  const preview = await previewSponsorInvite(db, token);
  if (!preview.ok) return { ok: false, error: "invalid_or_expired" };
  if (normalizeEmail(user.email) !== preview.email) return { ok: false, error: "wrong_account" };
  await db.transaction(async (tx) => {
    const joined = await tx
      .insert(sponsorMembers)
      .values({ sponsorId: preview.sponsor.id, userId: user.id })
      .onConflictDoNothing()
      .returning();
    if (joined.length)
      await recordAudit(tx, {
        artistId: null,
        actor: { kind: "member", userId: user.id, email: user.email },
        action: "sponsor.member_join",
        target: { type: "sponsor", id: preview.sponsor.id },
        details: { email: preview.email },
      });
  });
  return { ok: true, sponsorId: preview.sponsor.id };
}

/** The sponsors a user belongs to (the /sponsor page lets one in several pick). */
export async function sponsorsOfUser(db: DbOrTx, userId: string): Promise<Sponsor[]> {
  const rows = await db
    .select({ sponsor: sponsors })
    .from(sponsorMembers)
    .innerJoin(sponsors, eq(sponsors.id, sponsorMembers.sponsorId))
    .where(eq(sponsorMembers.userId, userId))
    .orderBy(asc(sponsors.name));
  return rows.map((r) => r.sponsor);
}
