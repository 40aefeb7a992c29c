import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";

/**
 * Fixed-window counters kept in Postgres, so every app instance sees the same count.
 * One statement per hit: a new window restarts at 1, otherwise the count goes up.
 */
export type Limit = { max: number; windowSeconds: number };
export type LimitState = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

export async function hit(db: DbOrTx, key: string, limit: Limit, now = new Date()): Promise<LimitState> {
  // postgres.js cannot bind a Date inside a raw drizzle `sql` fragment: send the ISO text.
  const at = now.toISOString();
  const rows = await db.execute<{ count: number; window_start: Date }>(sql`
    insert into rate_limits (key, window_start, count) values (${key}, ${at}::timestamptz, 1)
    on conflict (key) do update set
      count = case when rate_limits.window_start <= ${at}::timestamptz - make_interval(secs => ${limit.windowSeconds})
                   then 1 else rate_limits.count + 1 end,
      window_start = case when rate_limits.window_start <= ${at}::timestamptz - make_interval(secs => ${limit.windowSeconds})
                   then ${at}::timestamptz else rate_limits.window_start end
    returning count, window_start`);
  return toState(rows[0], limit, now);
}

/** The state without counting a hit (e.g. refuse before checking a password). */
export async function peek(db: DbOrTx, key: string, limit: Limit, now = new Date()): Promise<LimitState> {
  const rows = await db.execute<{ count: number; window_start: Date }>(
    sql`select count, window_start from rate_limits where key = ${key}`,
  );
  const row = rows[0];
  if (!row || new Date(row.window_start).getTime() + limit.windowSeconds * 1000 <= now.getTime()) {
    return { allowed: true, remaining: limit.max };
  }
  // One more hit must still fit in the window.
  return toState({ ...row, count: Number(row.count) + 1 }, limit, now);
}

/**
 * Gives back one hit counted in the current window: guards count an attempt before doing the
 * expensive or guessable work (so parallel requests cannot all slip in under the limit), then
 * return it when the attempt turned out not to be one the limit is about (a right password).
 */
export async function release(db: DbOrTx, key: string, limit: Limit, now = new Date()) {
  const at = now.toISOString();
  await db.execute(sql`
    update rate_limits set count = count - 1
    where key = ${key} and count > 0
      and window_start > ${at}::timestamptz - make_interval(secs => ${limit.windowSeconds})`);
}

export async function reset(db: DbOrTx, key: string) {
  await db.execute(sql`delete from rate_limits where key = ${key}`);
}

function toState(row: { count: number; window_start: Date }, limit: Limit, now: Date): LimitState {
  const count = Number(row.count);
  if (count <= limit.max) return { allowed: true, remaining: limit.max - count };
  const endsAt = new Date(row.window_start).getTime() + limit.windowSeconds * 1000;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((endsAt - now.getTime()) / 1000)) };
}
