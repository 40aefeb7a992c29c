import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { collectionExports, type CollectionExport } from "@/db/schema";
import { downloadFormat, isDownloadFormat, type DownloadFormatId } from "@/lib/audio";
import { fileLinkPath, itemProgress, signFileLink } from "@/lib/downloads";
import { queueEmail, renderEmail } from "@/lib/email";
import { env } from "@/lib/env";
import { translator } from "@/lib/i18n";
import { enqueueCollectionExport } from "@/lib/queue";
import { ownedItems, type OwnedItem } from "./owned";

/** The mailed links live longer than the download page's hour: a fan may open the mail days later. */
export const EXPORT_LINK_DAYS = 7;
/** Seconds between two looks at the archives while they are being made. */
export const EXPORT_POLL_SECONDS = 5;
/** An export still not ready after this is given up (a file that cannot be made); the fan may ask again. */
const GIVE_UP_AFTER_MS = 6 * 60 * 60 * 1000;
const RUNNING = ["pending", "preparing"] as const;

export type ExportRequest =
  { ok: true; exportId: string } | { ok: false; reason: "invalid_format" | "empty" | "running" };

/**
 * "Download my whole collection": one row and its job, in one transaction. The partial unique
 * index on the fan's running export refuses a second one while the first is under way.
 */
export async function requestCollectionExport(
  db: DbOrTx,
  input: { email: string; format: string; locale: string },
): Promise<ExportRequest> {
  if (!isDownloadFormat(input.format)) return { ok: false, reason: "invalid_format" };
  const email = input.email.toLowerCase();
  const items = await ownedItems(db, email);
  if (!items.length) return { ok: false, reason: "empty" };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(collectionExports)
      .values({ email, format: input.format, locale: input.locale, releaseCount: items.length })
      .onConflictDoNothing()
      .returning({ id: collectionExports.id });
    if (!row) return { ok: false, reason: "running" } as const;
    await enqueueCollectionExport({ exportId: row.id }, { tx });
    return { ok: true, exportId: row.id } as const;
  });
}

/** The fan's newest export, for the library to say where it stands. */
export async function latestCollectionExport(db: DbOrTx, email: string): Promise<CollectionExport | null> {
  const [row] = await db
    .select()
    .from(collectionExports)
    .where(eq(collectionExports.email, email.toLowerCase()))
    .orderBy(desc(collectionExports.createdAt))
    .limit(1);
  return row ?? null;
}

type Prepared = { item: OwnedItem; format: DownloadFormatId };

async function fail(db: DbOrTx, exportId: string, error: string) {
  await db
    .update(collectionExports)
    .set({ status: "failed", error })
    .where(and(eq(collectionExports.id, exportId), inArray(collectionExports.status, [...RUNNING])));
}

export type ExportStep = "mailed" | "waiting" | "failed" | "done";

/**
 * One look at an export: every held release's archive (and every single track's file) is asked
 * for with `start`, which queues what is missing through lib/downloads; when all are there, the
 * fan gets one mail. The conditional UPDATE on mailed_at lets one run through, however many jobs
 * look at once (a restart, the chore), and the mail's dedupe key backs it up.
 */
export async function advanceCollectionExport(db: DbOrTx, exportId: string, now = new Date()): Promise<ExportStep> {
  const [row] = await db.select().from(collectionExports).where(eq(collectionExports.id, exportId));
  if (!row || !(RUNNING as readonly string[]).includes(row.status) || !isDownloadFormat(row.format)) return "done";
  if (row.status === "pending")
    await db
      .update(collectionExports)
      .set({ status: "preparing" })
      .where(and(eq(collectionExports.id, row.id), eq(collectionExports.status, "pending")));
  const prepared: Prepared[] = [];
  let waiting = false;
  for (const item of await ownedItems(db, row.email)) {
    const target = { grantId: item.grantId, releaseId: item.releaseId, trackId: item.trackId, format: row.format };
    const found = await itemProgress(db, target, { start: true, fallback: true });
    // Refunded or emptied since the request: left out of the mail.
    if (!found.ok) continue;
    if (found.preparation.state === "failed") {
      await fail(db, row.id, `${item.artist.name} — ${item.release.title}: the files could not be made`);
      return "failed";
    }
    if (found.ready) prepared.push({ item, format: found.format });
    else waiting = true;
  }
  if (waiting) {
    if (now.getTime() - row.createdAt.getTime() > GIVE_UP_AFTER_MS) {
      await fail(db, row.id, "the files took too long to make");
      return "failed";
    }
    return "waiting";
  }
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(collectionExports)
      .set({ status: "ready", readyAt: now, mailedAt: now, releaseCount: prepared.length, error: null })
      .where(and(eq(collectionExports.id, row.id), isNull(collectionExports.mailedAt)))
      .returning();
    if (!claimed) return "done";
    await queueEmail(tx, exportEmail(claimed, prepared, now), `collection-export:${claimed.id}`);
    return "mailed";
  });
}

function exportEmail(row: CollectionExport, prepared: Prepared[], now: Date) {
  const { t } = translator(row.locale);
  const expires = Math.floor(now.getTime() / 1000) + EXPORT_LINK_DAYS * 24 * 60 * 60;
  const base = env().APP_URL;
  return renderEmail({
    to: row.email,
    subject: t("collection.exportMail.subject"),
    intro: t("collection.exportMail.intro", {
      count: prepared.length,
      format: downloadFormat(row.format as DownloadFormatId).label,
      days: EXPORT_LINK_DAYS,
    }),
    links: prepared.map(({ item, format }) => ({
      label: item.trackTitle
        ? t("collection.exportMail.track", {
            band: item.artist.name,
            title: item.trackTitle,
            format: downloadFormat(format).label,
          })
        : t("collection.exportMail.release", {
            band: item.artist.name,
            title: item.release.title,
            format: downloadFormat(format).label,
          }),
      url: new URL(
        fileLinkPath(
          signFileLink({ grantId: item.grantId, releaseId: item.releaseId, trackId: item.trackId, format, expires }),
        ),
        base,
      ).toString(),
    })),
    outro: t("collection.exportMail.outro", { url: new URL("/library", base).toString() }),
  });
}

/**
 * The job: one look, then another a few seconds later while archives are being made. Returns
 * whether mail was queued (the worker then sends it).
 */
export async function runCollectionExportJob(db: DbOrTx, exportId: string): Promise<ExportStep> {
  const step = await advanceCollectionExport(db, exportId);
  if (step === "waiting") await enqueueCollectionExport({ exportId }, { startAfterSeconds: EXPORT_POLL_SECONDS });
  return step;
}

/** The chore: every export still under way gets a job (a restart lost its chain); the queue keeps one per export. */
export async function resumeCollectionExports(db: DbOrTx): Promise<number> {
  const running = await db
    .select({ id: collectionExports.id })
    .from(collectionExports)
    .where(inArray(collectionExports.status, [...RUNNING]))
    .limit(500);
  for (const { id } of running) await enqueueCollectionExport({ exportId: id });
  return running.length;
}
