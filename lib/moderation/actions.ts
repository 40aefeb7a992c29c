import { and, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { artistMembers, artists, releases, reports, users } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit";
import { queueEmail, renderEmail } from "@/lib/email";
import { env } from "@/lib/env";
import { translator } from "@/lib/i18n";
import { checkCanList } from "@/lib/plans";

export type ModerationResult = { ok: true } | { ok: false; error: "not_found" | "unchanged" | "reason_required" };

type Options = { actor: Actor; reason: string; reportId?: string | null };

function cleanReason(reason: string) {
  return reason.trim().slice(0, 2000);
}

/**
 * An operator closes a shop: its pages and widgets show a neutral "unavailable" page and nothing
 * more can be bought from it; fans keep their downloads. The band is told why by e-mail.
 */
export async function suspendArtist(db: Db, artistId: string, options: Options): Promise<ModerationResult> {
  const reason = cleanReason(options.reason);
  if (!reason) return { ok: false, error: "reason_required" };
  return db.transaction(async (tx) => {
    const [artist] = await tx
      .update(artists)
      .set({ status: "suspended", suspendedAt: new Date(), suspendedReason: reason })
      .where(and(eq(artists.id, artistId), eq(artists.status, "active")))
      .returning();
    if (!artist) return notFoundOrUnchanged(tx, "artist", artistId);
    await recordAudit(tx, {
      artistId,
      actor: options.actor,
      action: "artist.suspend",
      target: { type: "artist", id: artistId },
      reason,
    });
    await closeReport(tx, options, "actioned");
    await tellBand(
      tx,
      artistId,
      "suspended",
      { band: artist.name, reason },
      `suspend:${artistId}:${artist.suspendedAt!.toISOString()}`,
    );
    return { ok: true } as const;
  });
}

export async function restoreArtist(db: Db, artistId: string, options: Options): Promise<ModerationResult> {
  const reason = cleanReason(options.reason);
  if (!reason) return { ok: false, error: "reason_required" };
  return db.transaction(async (tx) => {
    const [artist] = await tx
      .update(artists)
      .set({ status: "active", suspendedAt: null, suspendedReason: null })
      .where(and(eq(artists.id, artistId), eq(artists.status, "suspended")))
      .returning();
    if (!artist) return notFoundOrUnchanged(tx, "artist", artistId);
    await recordAudit(tx, {
      artistId,
      actor: options.actor,
      action: "artist.restore",
      target: { type: "artist", id: artistId },
      reason,
    });
    await tellBand(tx, artistId, "restored", { band: artist.name, reason }, `restore:${artistId}:${Date.now()}`);
    return { ok: true } as const;
  });
}

/** One release comes down (a fan's report, usually): same effects as a suspension, for that release only. */
export async function takeDownRelease(db: Db, releaseId: string, options: Options): Promise<ModerationResult> {
  const reason = cleanReason(options.reason);
  if (!reason) return { ok: false, error: "reason_required" };
  return db.transaction(async (tx) => {
    const [release] = await tx
      .update(releases)
      .set({ takenDownAt: new Date(), takedownReason: reason })
      .where(and(eq(releases.id, releaseId), isNull(releases.takenDownAt)))
      .returning();
    if (!release) return notFoundOrUnchanged(tx, "release", releaseId);
    await recordAudit(tx, {
      artistId: release.artistId,
      actor: options.actor,
      action: "release.take_down",
      target: { type: "release", id: releaseId },
      reason,
      details: { title: release.title },
    });
    await closeReport(tx, options, "actioned");
    const [artist] = await tx.select({ name: artists.name }).from(artists).where(eq(artists.id, release.artistId));
    await tellBand(
      tx,
      release.artistId,
      "takenDown",
      { band: artist.name, release: release.title, reason },
      `takedown:${releaseId}:${release.takenDownAt!.toISOString()}`,
    );
    return { ok: true } as const;
  });
}

export async function restoreRelease(db: Db, releaseId: string, options: Options): Promise<ModerationResult> {
  const reason = cleanReason(options.reason);
  if (!reason) return { ok: false, error: "reason_required" };
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ artistId: releases.artistId, listed: releases.listed })
      .from(releases)
      .where(eq(releases.id, releaseId));
    // A Free band that listed another release meanwhile gets this one back unlisted: migration
    // 0019's trigger would refuse it listed, and the band chooses which one its shop shows.
    const unlist = current?.listed && !(await checkCanList(tx, current.artistId, releaseId)).allowed;
    const [release] = await tx
      .update(releases)
      .set({ takenDownAt: null, takedownReason: null, ...(unlist ? { listed: false } : {}) })
      .where(and(eq(releases.id, releaseId), isNotNull(releases.takenDownAt)))
      .returning();
    if (!release) return notFoundOrUnchanged(tx, "release", releaseId);
    await recordAudit(tx, {
      artistId: release.artistId,
      actor: options.actor,
      action: "release.restore",
      target: { type: "release", id: releaseId },
      reason,
      details: { title: release.title },
    });
    return { ok: true } as const;
  });
}

async function notFoundOrUnchanged(tx: Tx, kind: "artist" | "release", id: string): Promise<ModerationResult> {
  const table = kind === "artist" ? artists : releases;
  const [row] = await tx.select({ id: table.id }).from(table).where(eq(table.id, id));
  return { ok: false, error: row ? "unchanged" : "not_found" };
}

async function closeReport(tx: Tx, options: Options, status: "actioned" | "dismissed") {
  if (!options.reportId) return;
  await tx
    .update(reports)
    .set({
      status,
      resolution: cleanReason(options.reason),
      handledById: options.actor.userId ?? null,
      handledAt: new Date(),
    })
    .where(and(eq(reports.id, options.reportId), eq(reports.status, "open")));
}

/** Every owner of the band hears of it, in their own language, once per event. */
async function tellBand(
  tx: Tx,
  artistId: string,
  what: "suspended" | "restored" | "takenDown",
  values: Record<string, string>,
  dedupeKey: string,
) {
  const owners = await tx
    .select({ email: users.email, locale: users.locale })
    .from(artistMembers)
    .innerJoin(users, eq(users.id, artistMembers.userId))
    .where(and(eq(artistMembers.artistId, artistId), inArray(artistMembers.role, ["owner"])));
  for (const owner of owners) {
    const { t } = translator(owner.locale);
    await queueEmail(
      tx,
      renderEmail({
        to: owner.email,
        subject: t(`moderation.emails.${what}.subject`, values),
        intro: t(`moderation.emails.${what}.intro`, values),
        rows: [[t("moderation.emails.reason"), values.reason]],
        action: { label: t("moderation.emails.open"), url: `${env().APP_URL}/dashboard` },
        outro: t("moderation.emails.outro"),
      }),
      `${dedupeKey}:${owner.email}`,
    );
  }
}
