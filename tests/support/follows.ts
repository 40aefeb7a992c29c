import { and, eq, like } from "drizzle-orm";
import type { Db } from "@/db/client";
import { emailQueue, follows, releases } from "@/db/schema";
import { makeArtist, makeUser, unique } from "./factories";

/** A band with no release yet (Pro: a test may publish several). */
export async function makeBand(db: Db, name?: string) {
  const owner = await makeUser(db);
  return makeArtist(db, owner.id, { plan: "pro", name });
}

/** A release out at `releasedAt` (published, listed), straight in the database. */
export async function releaseOut(db: Db, artistId: string, title: string, releasedAt: Date) {
  const [release] = await db
    .insert(releases)
    .values({
      artistId,
      slug: unique("rel"),
      title,
      status: "published",
      publishedAt: releasedAt,
      releasedAt,
      pricingMode: "fixed",
      priceAmount: 700,
      currency: "EUR",
    })
    .returning();
  return release;
}

export const fanEmail = () => `${unique("follower")}@example.test`;

/** Mail queued to an address, by the start of its dedupe key ("follow-confirm:", "follows-digest:"). */
export function mailTo(db: Db, email: string, keyPrefix: string) {
  return db
    .select()
    .from(emailQueue)
    .where(and(eq(emailQueue.to, email), like(emailQueue.dedupeKey, `${keyPrefix}%`)));
}

export async function followRow(db: Db, artistId: string, email: string) {
  const [row] = await db
    .select()
    .from(follows)
    .where(and(eq(follows.artistId, artistId), eq(follows.email, email)));
  return row;
}

/** The token of the confirmation link in a queued mail. */
export function confirmToken(text: string) {
  const match = /\/follows\/confirm\/([A-Za-z0-9_-]{43})/.exec(text);
  if (!match) throw new Error(`no confirmation link in: ${text}`);
  return match[1];
}
