import { and, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { artists, fanProfiles, follows } from "@/db/schema";
import { readFollowUnsubscribeToken } from "./unsubscribe-link";

export type FollowUnsubscribe =
  | { ok: true; kind: "follow"; email: string; band: string; done: boolean }
  | { ok: true; kind: "all"; email: string; done: boolean }
  | { ok: false };

/** What a link ends and whether it is already ended, without changing anything (the page asks first). */
export async function lookUpFollowUnsubscribe(db: DbOrTx, token: string): Promise<FollowUnsubscribe> {
  const scope = readFollowUnsubscribeToken(token);
  if (!scope) return { ok: false };
  if (scope.kind === "all") {
    const [profile] = await db
      .select({ mailOffAt: fanProfiles.mailOffAt })
      .from(fanProfiles)
      .where(eq(fanProfiles.email, scope.email));
    return { ok: true, kind: "all", email: scope.email, done: Boolean(profile?.mailOffAt) };
  }
  const [row] = await db
    .select({ email: follows.email, band: artists.name, unsubscribedAt: follows.unsubscribedAt })
    .from(follows)
    .innerJoin(artists, eq(artists.id, follows.artistId))
    .where(eq(follows.id, scope.followId));
  if (!row) return { ok: false };
  return { ok: true, kind: "follow", email: row.email, band: row.band, done: Boolean(row.unsubscribedAt) };
}

/**
 * The confirm button and RFC 8058's one-click POST: a signed token is the only key. One band's
 * follow ends, or every mail from bands to the address stops (fan_profiles.mail_off_at). Repeating
 * it keeps the first moment.
 */
export async function unsubscribeFollowWithToken(
  db: DbOrTx,
  token: string,
  now = new Date(),
): Promise<FollowUnsubscribe> {
  const scope = readFollowUnsubscribeToken(token);
  if (!scope) return { ok: false };
  if (scope.kind === "all") {
    await db
      .insert(fanProfiles)
      .values({ email: scope.email, mailOffAt: now })
      .onConflictDoUpdate({
        target: fanProfiles.email,
        set: { mailOffAt: sql`coalesce(${fanProfiles.mailOffAt}, excluded.mail_off_at)`, updatedAt: now },
      });
  } else {
    await db
      .update(follows)
      .set({ unsubscribedAt: now, confirmTokenHash: null, updatedAt: now })
      .where(and(eq(follows.id, scope.followId), isNull(follows.unsubscribedAt)));
  }
  const state = await lookUpFollowUnsubscribe(db, token);
  return state.ok ? { ...state, done: true } : state;
}

/** The library's "turn e-mail from bands back on". */
export async function turnMailBackOn(db: DbOrTx, email: string, now = new Date()) {
  await db
    .update(fanProfiles)
    .set({ mailOffAt: null, updatedAt: now })
    .where(eq(fanProfiles.email, email.toLowerCase()));
}
