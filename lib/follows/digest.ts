import { and, asc, eq, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import { TransactionRollbackError } from "drizzle-orm/errors";
import type { DbOrTx } from "@/db/client";
import { artists, fanProfiles, follows, releases } from "@/db/schema";
import { queueEmail } from "@/lib/email";
import { isLocale } from "@/lib/i18n";
import { digestDedupeKey, renderDigest, type DigestBand } from "./mail";

const DAY_MS = 24 * 60 * 60 * 1000;
const at = (date: Date) => sql`${date.toISOString()}::timestamptz`;

/**
 * Releases a follow has still to tell: out (released_at set, not in the future), published,
 * listed, not taken down, from a band that is not suspended, after the follow's notified_through.
 */
function untold(now: Date): SQL {
  return and(
    eq(follows.status, "confirmed"),
    isNull(follows.unsubscribedAt),
    eq(releases.status, "published"),
    isNotNull(releases.releasedAt),
    sql`${releases.releasedAt} <= ${at(now)}`,
    sql`${releases.releasedAt} > coalesce(${follows.notifiedThrough}, ${follows.confirmedAt})`,
    eq(releases.listed, true),
    isNull(releases.takenDownAt),
    eq(artists.status, "active"),
  )!;
}

/** A fan who may get a digest now: mail not turned off, the last digest a day old or more. */
const mayMail = (now: Date) =>
  and(
    isNull(fanProfiles.mailOffAt),
    or(isNull(fanProfiles.lastDigestAt), sql`${fanProfiles.lastDigestAt} <= ${at(new Date(now.getTime() - DAY_MS))}`),
  );

/**
 * The chore `follows-digest`: one mail per fan address with news, grouping every followed band's
 * releases since that follow was last told. Returns how many digests were queued.
 */
export async function sendFollowDigests(db: DbOrTx, now = new Date(), limit = 500): Promise<number> {
  const due = await db
    .selectDistinct({ email: follows.email })
    .from(follows)
    .innerJoin(releases, eq(releases.artistId, follows.artistId))
    .innerJoin(artists, eq(artists.id, follows.artistId))
    .leftJoin(fanProfiles, eq(fanProfiles.email, follows.email))
    .where(and(untold(now), mayMail(now)))
    .limit(limit);
  let sent = 0;
  for (const { email } of due) if (await sendDigest(db, email, now)) sent++;
  return sent;
}

/**
 * One fan's digest, exactly once: the conditional UPDATE of fan_profiles.last_digest_at lets one
 * transaction through per day (a second worker waits on the row, then finds it taken), and that
 * transaction queues the mail (a dedupe key per fan and day) and advances the follows it told.
 */
export async function sendDigest(db: DbOrTx, email: string, now = new Date()): Promise<boolean> {
  try {
    return await db.transaction(async (tx) => {
      await tx.insert(fanProfiles).values({ email }).onConflictDoNothing();
      const [claimed] = await tx
        .update(fanProfiles)
        .set({ lastDigestAt: now, updatedAt: now })
        .where(and(eq(fanProfiles.email, email), mayMail(now)))
        .returning({ email: fanProfiles.email });
      if (!claimed) return false;
      const rows = await tx
        .select({
          followId: follows.id,
          locale: follows.locale,
          confirmedAt: follows.confirmedAt,
          band: artists.name,
          bandSlug: artists.slug,
          title: releases.title,
          slug: releases.slug,
          releasedAt: releases.releasedAt,
        })
        .from(follows)
        .innerJoin(releases, eq(releases.artistId, follows.artistId))
        .innerJoin(artists, eq(artists.id, follows.artistId))
        .where(and(eq(follows.email, email), untold(now)))
        .orderBy(asc(artists.name), asc(releases.releasedAt));
      // Nothing left to tell (another run told it): the day's digest is not spent.
      if (rows.length === 0) tx.rollback();
      const bands = new Map<string, DigestBand & { through: Date }>();
      for (const row of rows) {
        const band = bands.get(row.followId) ?? {
          followId: row.followId,
          name: row.band,
          slug: row.bandSlug,
          releases: [],
          through: row.releasedAt!,
        };
        band.releases.push({ title: row.title, slug: row.slug });
        if (row.releasedAt! > band.through) band.through = row.releasedAt!;
        bands.set(row.followId, band);
      }
      // The language of the fan's latest follow.
      const latest = rows.reduce((a, b) => ((b.confirmedAt ?? now) > (a.confirmedAt ?? now) ? b : a));
      const locale = isLocale(latest.locale) ? latest.locale : "en";
      await queueEmail(tx, renderDigest({ email, locale, bands: [...bands.values()] }), digestDedupeKey(email, now));
      // Each follow is told up to the newest release in this mail, not up to now: a release stamped
      // after it but committed after this read is still told next time.
      for (const band of bands.values()) {
        await tx.update(follows).set({ notifiedThrough: band.through }).where(eq(follows.id, band.followId));
      }
      return true;
    });
  } catch (error) {
    if (error instanceof TransactionRollbackError) return false;
    throw error;
  }
}
