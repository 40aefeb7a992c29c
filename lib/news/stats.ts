import { inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { postDeliveries } from "@/db/schema";

/** What the band sees of a post's mailing. `interrupted`: skipped rows (a crash, or a server that never took it). */
export type MailingCounts = {
  recipients: number;
  delivered: number;
  bounced: number;
  unsubscribed: number;
  toSend: number;
  interrupted: number;
};

export const NO_MAILING: MailingCounts = {
  recipients: 0,
  delivered: 0,
  bounced: 0,
  unsubscribed: 0,
  toSend: 0,
  interrupted: 0,
};

export async function mailingCounts(db: DbOrTx, postIds: string[]): Promise<Map<string, MailingCounts>> {
  const counts = new Map<string, MailingCounts>();
  if (!postIds.length) return counts;
  const rows = await db
    .select({
      postId: postDeliveries.postId,
      recipients: sql<number>`count(*)::int`,
      delivered: sql<number>`count(*) filter (where ${postDeliveries.status} = 'sent')::int`,
      bounced: sql<number>`count(*) filter (where ${postDeliveries.status} = 'bounced')::int`,
      unsubscribed: sql<number>`count(${postDeliveries.unsubscribedAt})::int`,
      toSend: sql<number>`count(*) filter (where ${postDeliveries.status} in ('pending', 'sending'))::int`,
      interrupted: sql<number>`count(*) filter (where ${postDeliveries.status} = 'skipped')::int`,
    })
    .from(postDeliveries)
    .where(inArray(postDeliveries.postId, postIds))
    .groupBy(postDeliveries.postId);
  for (const { postId, ...rest } of rows) counts.set(postId, rest);
  return counts;
}
