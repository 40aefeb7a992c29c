import { env } from "@/lib/env";
import { createDb, type Db } from "./client";

type Holder = { db?: Db; close?: () => Promise<void> };
/**
 * One pool per process, kept on globalThis: `next dev` reloads do not open new pools, and
 * lib/cli/server.ts's fast stream path shares the pool of Next's bundled copy of db/index.ts (both
 * run in one process but load this module separately). Not `server-only`, so the server can load it.
 */
const holder = ((globalThis as { __merchtableDb?: Holder }).__merchtableDb ??= {});

export function processDb(): Db {
  if (!holder.db) {
    const url = env().DATABASE_URL;
    if (!url) {
      throw new Error(
        "DATABASE_URL is not set. Start the app with `npm start` (it starts an embedded PostgreSQL) or set DATABASE_URL.",
      );
    }
    const { db, client } = createDb(url);
    holder.db = db;
    holder.close = () => client.end({ timeout: 5 });
  }
  return holder.db;
}

/** Ends the process's pool (the server's shutdown). */
export async function closeProcessDb() {
  const close = holder.close;
  holder.db = holder.close = undefined;
  await close?.();
}
