import { and, count, desc, eq, isNull, notExists, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { artists, fanProfiles, follows } from "@/db/schema";

const live = and(eq(follows.status, "confirmed"), isNull(follows.unsubscribedAt));

/**
 * Who hears from a band (its news mailing): confirmed follows not unsubscribed, from addresses
 * that did not turn all mail off. With the follow's id for its unsubscribe link.
 */
export async function followerRecipients(db: DbOrTx, artistId: string) {
  return db
    .select({ followId: follows.id, email: follows.email, locale: follows.locale })
    .from(follows)
    .where(
      and(
        eq(follows.artistId, artistId),
        live,
        notExists(
          db
            .select({ one: sql`1` })
            .from(fanProfiles)
            .where(and(eq(fanProfiles.email, follows.email), sql`${fanProfiles.mailOffAt} is not null`)),
        ),
      ),
    )
    .orderBy(follows.createdAt);
}

export const FOLLOWERS_SHOWN = 200;

/** The band's dashboard: its confirmed followers, newest first, and how many there are. */
export async function listFollowers(db: DbOrTx, artistId: string, limit = FOLLOWERS_SHOWN) {
  const [rows, [total]] = await Promise.all([
    db
      .select({ id: follows.id, email: follows.email, source: follows.source, confirmedAt: follows.confirmedAt })
      .from(follows)
      .where(and(eq(follows.artistId, artistId), live))
      .orderBy(desc(follows.confirmedAt))
      .limit(limit),
    db
      .select({ n: count() })
      .from(follows)
      .where(and(eq(follows.artistId, artistId), live)),
  ]);
  return { followers: rows, total: total?.n ?? 0 };
}

/** The library's "Following": bands this address follows (confirmed, not ended). */
export async function listFollowing(db: DbOrTx, email: string) {
  return db
    .select({
      artistId: artists.id,
      name: artists.name,
      slug: artists.slug,
      since: follows.confirmedAt,
    })
    .from(follows)
    .innerJoin(artists, eq(artists.id, follows.artistId))
    .where(and(eq(follows.email, email.toLowerCase()), live))
    .orderBy(artists.name);
}

/** Whether the address turned off every mail from bands ("unsubscribe from all"). */
export async function mailOff(db: DbOrTx, email: string) {
  const [profile] = await db
    .select({ mailOffAt: fanProfiles.mailOffAt })
    .from(fanProfiles)
    .where(eq(fanProfiles.email, email.toLowerCase()));
  return Boolean(profile?.mailOffAt);
}

/** Whether this address follows the band (the follow page's state), and whether its mail is off. */
export async function followState(db: DbOrTx, artistId: string, email: string) {
  const [[row], off] = await Promise.all([
    db
      .select({ id: follows.id })
      .from(follows)
      .where(and(eq(follows.artistId, artistId), eq(follows.email, email.toLowerCase()), live)),
    mailOff(db, email),
  ]);
  return { following: Boolean(row), mailOff: off };
}
