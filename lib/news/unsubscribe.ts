import { and, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { artists, follows, postDeliveries, subscribers } from "@/db/schema";
import { readNewsUnsubscribeToken } from "./unsubscribe-link";

export type NewsUnsubscribeLookup =
  { ok: true; deliveryId: string; band: string; email: string; reason: string; done: boolean } | { ok: false };

/** What the link names, without changing anything (the page only reads). */
export async function lookUpNewsUnsubscribe(db: DbOrTx, token: string): Promise<NewsUnsubscribeLookup> {
  const deliveryId = readNewsUnsubscribeToken(token);
  if (!deliveryId) return { ok: false };
  const [row] = await db
    .select({
      email: postDeliveries.email,
      reason: postDeliveries.reason,
      unsubscribedAt: postDeliveries.unsubscribedAt,
      band: artists.name,
    })
    .from(postDeliveries)
    .innerJoin(artists, eq(artists.id, postDeliveries.artistId))
    .where(eq(postDeliveries.id, deliveryId));
  if (!row) return { ok: false };
  return { ok: true, deliveryId, band: row.band, email: row.email, reason: row.reason, done: !!row.unsubscribedAt };
}

/**
 * Ends what brings this band's news to the address: its follow and its opt-in as a buyer (both,
 * or the next post would come the other way), and records the leaving on the delivery for the
 * band's counts. A paid subscription is not cancelled by a mail link: the library does that.
 * Repeating it is harmless.
 */
export async function unsubscribeFromNews(db: DbOrTx, token: string, now = new Date()): Promise<NewsUnsubscribeLookup> {
  const found = await lookUpNewsUnsubscribe(db, token);
  if (!found.ok) return found;
  await db.transaction(async (tx) => {
    const [delivery] = await tx
      .select({ artistId: postDeliveries.artistId, email: postDeliveries.email })
      .from(postDeliveries)
      .where(eq(postDeliveries.id, found.deliveryId));
    const sameFan = (column: typeof follows.email | typeof subscribers.email) =>
      eq(sql`lower(${column})`, delivery.email);
    await tx
      .update(follows)
      .set({ unsubscribedAt: now })
      .where(and(eq(follows.artistId, delivery.artistId), sameFan(follows.email), isNull(follows.unsubscribedAt)));
    await tx
      .update(subscribers)
      .set({ unsubscribedAt: now })
      .where(
        and(
          eq(subscribers.artistId, delivery.artistId),
          sameFan(subscribers.email),
          isNull(subscribers.unsubscribedAt),
        ),
      );
    await tx
      .update(postDeliveries)
      .set({ unsubscribedAt: now })
      .where(and(eq(postDeliveries.id, found.deliveryId), isNull(postDeliveries.unsubscribedAt)));
  });
  return { ...found, done: true };
}
