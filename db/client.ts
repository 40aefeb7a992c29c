import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

/** Opens a pooled connection. Used by the app (through db/index.ts) and by scripts and tests. */
export function createDb(url: string, options: { max?: number } = {}) {
  const client = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    connection: { application_name: "merchtable" },
  });
  return { db: drizzle(client, { schema }), client };
}

export type Db = ReturnType<typeof createDb>["db"];
/** A transaction handle: the same query surface as Db. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

/** The Postgres error code of `error` or of what it wraps (drizzle wraps the driver's error in `cause`). */
function hasCode(error: unknown, code: string): boolean {
  for (
    let e = error as { code?: string; cause?: unknown } | undefined, depth = 0;
    e && depth < 4;
    e = e.cause as typeof e, depth++
  ) {
    if (e.code === code) return true;
  }
  return false;
}

/** A unique index refused the write. */
export const isUniqueViolation = (error: unknown) => hasCode(error, "23505");
/** 22023: e.g. a time zone the database does not know. */
export const isInvalidParameter = (error: unknown) => hasCode(error, "22023");
