import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { boss } from "@/lib/queue";

export type QueueCounts = { name: string; waiting: number; active: number; failed: number };
export type FailedJob = { id: string; name: string; error: string; failedAt: Date; retryCount: number };

/**
 * The queues pg-boss knows, with their jobs by state, and the newest failures with their error.
 * pg-boss has no listing API for jobs, so this reads its own tables (schema "pgboss", v10).
 */
export async function jobOverview(db: DbOrTx): Promise<{ queues: QueueCounts[]; failed: FailedJob[] }> {
  const queues = await (await boss()).getQueues();
  const counts = await db.execute<{ name: string; state: string; n: number }>(sql`
    select name, state::text, count(*)::int as n from pgboss.job
    where state in ('created', 'retry', 'active', 'failed') group by 1, 2
  `);
  const failed = await db.execute<{
    id: string;
    name: string;
    output: unknown;
    completed_on: Date;
    retry_count: number;
  }>(sql`
    select id::text, name, output, completed_on, retry_count from pgboss.job
    where state = 'failed' order by completed_on desc nulls last limit 30
  `);
  const count = (name: string, states: string[]) =>
    [...counts].filter((c) => c.name === name && states.includes(c.state)).reduce((sum, c) => sum + c.n, 0);
  return {
    queues: queues
      .map((q) => q.name)
      // pg-boss's own bookkeeping queues (__pgboss__send-it) are no business of an operator.
      .filter((name) => !name.startsWith("__pgboss__"))
      .sort()
      .map((name) => ({
        name,
        waiting: count(name, ["created", "retry"]),
        active: count(name, ["active"]),
        failed: count(name, ["failed"]),
      })),
    failed: [...failed].map((j) => ({
      id: j.id,
      name: j.name,
      error: errorText(j.output),
      failedAt: new Date(j.completed_on),
      retryCount: j.retry_count,
    })),
  };
}

/** pg-boss stores a thrown error as {message, stack} in the job's output. */
function errorText(output: unknown): string {
  if (output && typeof output === "object" && "message" in output) return String(output.message).slice(0, 500);
  return output === null || output === undefined ? "" : JSON.stringify(output).slice(0, 500);
}

/** Puts a failed job back in its queue (pg-boss's own retry); the id must be a failed job of that queue. */
export async function retryJob(db: DbOrTx, name: string, id: string): Promise<boolean> {
  const [job] = await db.execute<{ id: string }>(sql`
    select id::text from pgboss.job where name = ${name} and id::text = ${id} and state = 'failed'
  `);
  if (!job) return false;
  await (await boss()).retry(name, id);
  return true;
}
