import { and, desc, eq, lt } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import { artists, releases, reports, type ReportStatus } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit";
import { hit, type Limit } from "@/lib/rate-limit";

/** Five reports per hour and address: a fan with a real problem is never stopped, a flood is. */
export const reportLimit: Limit = { max: 5, windowSeconds: 60 * 60 };

export const REPORT_MESSAGE_MAX = 2000;

export const reportSchema = z.object({
  shop: z.string().trim().toLowerCase().min(1).max(80),
  release: z.string().trim().toLowerCase().max(120).optional().default(""),
  reason: z.enum(["copyright", "abuse", "fraud", "other"], { message: "reason" }),
  message: z.string().trim().min(1, { message: "message" }).max(REPORT_MESSAGE_MAX, { message: "message" }),
  email: z.union([z.literal(""), z.email({ message: "email" }).max(254, { message: "email" })]).default(""),
  /** The honeypot: a field people never see; robots fill it in. */
  website: z.string().optional().default(""),
});

export type ReportField = "reason" | "message" | "email";
export type ReportResult =
  | { ok: true; ignored: boolean }
  | { ok: false; error: "invalid"; fieldErrors: Partial<Record<ReportField, ReportField>> }
  | { ok: false; error: "not_found" }
  | { ok: false; error: "rate_limited"; retryAfterSeconds: number };

/**
 * A fan's report, no account needed. Validated first (a mistake costs no attempt), then counted
 * against the address; a filled honeypot answers like a success and stores nothing.
 */
export async function createReport(db: DbOrTx, raw: unknown, ip: string): Promise<ReportResult> {
  const parsed = reportSchema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: Partial<Record<ReportField, ReportField>> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (field === "reason" || field === "message" || field === "email") fieldErrors[field] = field;
    }
    if (!Object.keys(fieldErrors).length) return { ok: false, error: "not_found" };
    return { ok: false, error: "invalid", fieldErrors };
  }
  const input = parsed.data;
  if (input.website) return { ok: true, ignored: true };
  const limit = await hit(db, `report:ip:${ip}`, reportLimit);
  if (!limit.allowed) return { ok: false, error: "rate_limited", retryAfterSeconds: limit.retryAfterSeconds };
  const target = await findTarget(db, input.shop, input.release);
  if (!target) return { ok: false, error: "not_found" };
  await db.insert(reports).values({
    artistId: target.artistId,
    releaseId: target.releaseId,
    reason: input.reason,
    message: input.message,
    email: input.email || null,
  });
  return { ok: true, ignored: false };
}

/** What the report form names: the band, and the release when there is one. Null when unknown. */
export async function findTarget(db: DbOrTx, shop: string, release: string) {
  const [artist] = await db
    .select({ id: artists.id, name: artists.name, slug: artists.slug })
    .from(artists)
    .where(eq(artists.slug, shop.toLowerCase()))
    .limit(1);
  if (!artist) return null;
  if (!release) return { artistId: artist.id, artist, releaseId: null, releaseTitle: null };
  const [row] = await db
    .select({ id: releases.id, title: releases.title })
    .from(releases)
    .where(
      and(eq(releases.artistId, artist.id), eq(releases.slug, release.toLowerCase()), eq(releases.status, "published")),
    )
    .limit(1);
  return row ? { artistId: artist.id, artist, releaseId: row.id, releaseTitle: row.title } : null;
}

export const REPORTS_PAGE = 25;

/** The operators' queue, newest first, a page at a time (`before`: the createdAt of the last one shown). */
export async function listReports(db: DbOrTx, options: { status: ReportStatus; before?: Date }) {
  return db
    .select({
      report: reports,
      artist: { id: artists.id, name: artists.name, slug: artists.slug, status: artists.status },
      release: { id: releases.id, title: releases.title, slug: releases.slug, takenDownAt: releases.takenDownAt },
    })
    .from(reports)
    .innerJoin(artists, eq(artists.id, reports.artistId))
    .leftJoin(releases, eq(releases.id, reports.releaseId))
    .where(and(eq(reports.status, options.status), options.before ? lt(reports.createdAt, options.before) : undefined))
    .orderBy(desc(reports.createdAt), desc(reports.id))
    .limit(REPORTS_PAGE);
}

export async function getReport(db: DbOrTx, reportId: string) {
  const [row] = await db.select().from(reports).where(eq(reports.id, reportId)).limit(1);
  return row ?? null;
}

export type DismissResult = { ok: true } | { ok: false; error: "reason_required" | "not_found" | "unchanged" };

/** Closes an open report with nothing done to the band; the trail keeps who and why. */
export async function dismissReport(
  db: Db,
  reportId: string,
  options: { actor: Actor; reason: string },
): Promise<DismissResult> {
  const reason = options.reason.trim().slice(0, 2000);
  if (!reason) return { ok: false, error: "reason_required" };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(reports)
      .set({
        status: "dismissed",
        resolution: reason,
        handledById: options.actor.userId ?? null,
        handledAt: new Date(),
      })
      .where(and(eq(reports.id, reportId), eq(reports.status, "open")))
      .returning();
    if (!row) return { ok: false, error: (await getReport(tx, reportId)) ? "unchanged" : "not_found" } as const;
    // Platform-wide (no band): a dismissed report is not the band's business.
    await recordAudit(tx, {
      artistId: null,
      actor: options.actor,
      action: "report.dismiss",
      target: { type: "report", id: reportId },
      reason,
      details: { artistId: row.artistId, releaseId: row.releaseId },
    });
    return { ok: true } as const;
  });
}
