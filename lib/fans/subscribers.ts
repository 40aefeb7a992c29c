import { and, count, desc, eq, ilike, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { containsPattern } from "@/db/queries/orders";
import { artists, orders, subscribers, type Subscriber } from "@/db/schema";
import { readUnsubscribeToken } from "./unsubscribe-link";

export const FANS_PAGE_SIZE = 50;

/** The band's subscribers, newest first; unsubscribed fans stay listed (as unsubscribed). */
export async function listSubscribers(db: DbOrTx, artistId: string, options: { search?: string; page?: number } = {}) {
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const search = options.search?.trim();
  const where = and(
    eq(subscribers.artistId, artistId),
    search ? ilike(subscribers.email, containsPattern(search)) : undefined,
  );
  const [{ total }] = await db.select({ total: count() }).from(subscribers).where(where);
  const rows = await db
    .select()
    .from(subscribers)
    .where(where)
    .orderBy(desc(subscribers.consentAt), desc(subscribers.id))
    .limit(FANS_PAGE_SIZE)
    .offset((page - 1) * FANS_PAGE_SIZE);
  return { subscribers: rows, total, page, pages: Math.max(1, Math.ceil(total / FANS_PAGE_SIZE)) };
}

/** Fans the band may still write to. */
export async function countSubscribed(db: DbOrTx, artistId: string) {
  const [{ n }] = await db
    .select({ n: count() })
    .from(subscribers)
    .where(and(eq(subscribers.artistId, artistId), isNull(subscribers.unsubscribedAt)));
  return n;
}

/** Every subscriber of the band, for the CSV export. */
export async function allSubscribers(db: DbOrTx, artistId: string, search?: string): Promise<Subscriber[]> {
  const term = search?.trim();
  return db
    .select()
    .from(subscribers)
    .where(and(eq(subscribers.artistId, artistId), term ? ilike(subscribers.email, containsPattern(term)) : undefined))
    .orderBy(desc(subscribers.consentAt), desc(subscribers.id));
}

export type UnsubscribeLookup = { ok: true; email: string; band: string; unsubscribed: boolean } | { ok: false };

/** What the public page shows for a token: whose subscription, to which band. */
export async function lookUpUnsubscribe(db: DbOrTx, token: string): Promise<UnsubscribeLookup> {
  const id = readUnsubscribeToken(token);
  if (!id) return { ok: false };
  const [row] = await db
    .select({ email: subscribers.email, band: artists.name, unsubscribedAt: subscribers.unsubscribedAt })
    .from(subscribers)
    .innerJoin(artists, eq(artists.id, subscribers.artistId))
    .where(eq(subscribers.id, id));
  return row
    ? { ok: true, email: row.email, band: row.band, unsubscribed: row.unsubscribedAt !== null }
    : { ok: false };
}

/**
 * Honours a signed link. Doing it twice is fine (the first date stays); a token we did not sign
 * changes nothing.
 */
export async function unsubscribeWithToken(
  db: DbOrTx,
  token: string,
): Promise<{ ok: true; band: string; email: string } | { ok: false }> {
  const id = readUnsubscribeToken(token);
  if (!id) return { ok: false };
  await db
    .update(subscribers)
    .set({ unsubscribedAt: new Date() })
    .where(and(eq(subscribers.id, id), isNull(subscribers.unsubscribedAt)));
  const found = await lookUpUnsubscribe(db, token);
  return found.ok ? { ok: true, band: found.band, email: found.email } : { ok: false };
}

/**
 * The subscription a mail about this order may offer to end: the buyer ticked "news from the band"
 * on it and has not left since. Null for everyone else, so nobody is shown a way out of a list
 * they are not on.
 */
export async function liveSubscriberForOrder(db: DbOrTx, orderId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: subscribers.id })
    .from(orders)
    .innerJoin(subscribers, and(eq(subscribers.artistId, orders.artistId), eq(subscribers.email, orders.email)))
    .where(and(eq(orders.id, orderId), eq(orders.subscribe, true), isNull(subscribers.unsubscribedAt)))
    .limit(1);
  return row?.id ?? null;
}
