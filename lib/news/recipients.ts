import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import type { Post } from "@/db/schema";

/**
 * Writes the mailing's to-do list, one row per address (lower-cased), in the publishing
 * transaction. Everyone-posts go to confirmed follows still following, buyers who ticked the
 * band's news and never left, and live fan subscribers; subscriber-only posts to the last only.
 * Nobody who turned all mail off (fan_profiles.mail_off_at). An address found several ways keeps
 * the strongest reason (subscriber, then follower, then buyer). Returns how many rows.
 */
export async function planDeliveries(tx: DbOrTx, post: Post): Promise<number> {
  const everyone = post.audience === "everyone";
  const rows = await tx.execute<{ id: string }>(sql`
    insert into post_deliveries (id, post_id, artist_id, email, reason)
    select gen_random_uuid()::text, ${post.id}, ${post.artistId}, r.email, r.reason
      from (
        select distinct on (email) email, reason
          from (
            select lower(email) as email, 'subscriber' as reason, 1 as rank
              from fan_subscriptions
             where artist_id = ${post.artistId} and status in ('active', 'past_due')
            union all
            select lower(email), 'follower', 2
              from follows
             where ${everyone} and artist_id = ${post.artistId} and status = 'confirmed' and unsubscribed_at is null
            union all
            select lower(email), 'buyer', 3
              from subscribers
             where ${everyone} and artist_id = ${post.artistId} and unsubscribed_at is null
          ) candidates
         where not exists (
           select 1 from fan_profiles p where lower(p.email) = candidates.email and p.mail_off_at is not null
         )
         order by email, rank
      ) r
    on conflict (post_id, email) do nothing
    returning id`);
  return rows.length;
}

/**
 * The language each address was last seen in with this band: its follow, its subscription, its
 * latest order (a buyer who opted in at checkout); English when none says.
 */
export async function recipientLocales(db: DbOrTx, artistId: string, emails: string[]): Promise<Map<string, string>> {
  if (!emails.length) return new Map();
  const rows = await db.execute<{ email: string; locale: string | null }>(sql`
    select e.email, coalesce(
      (select f.locale from follows f where f.artist_id = ${artistId} and f.email = e.email limit 1),
      (select s.locale from fan_subscriptions s where s.artist_id = ${artistId} and s.email = e.email
        order by s.created_at desc limit 1),
      (select o.locale from orders o where o.artist_id = ${artistId} and lower(o.email) = e.email
        order by o.created_at desc limit 1)
    ) as locale
    from unnest(array[${sql.join(
      emails.map((email) => sql`${email}`),
      sql`, `,
    )}]::text[]) as e(email)`);
  return new Map(rows.map((row) => [row.email, row.locale ?? "en"]));
}
