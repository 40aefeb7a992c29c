import "server-only";
import { createDb, type Db } from "./client";

type Holder = { db?: Db; close?: () => Promise<void> };
// One pool per server process; kept on globalThis so `next dev` reloads do not open new pools.
const holder = ((globalThis as { __merchtableDb?: Holder }).__merchtableDb ??= {});

export function getDb(): Db {
  if (!holder.db) {
    const url = process.env.DATABASE_URL;
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

/**
 * The app's database. Resolved on first use so that `next build` can import modules without a
 * database, and so that a missing DATABASE_URL fails with a message instead of a wrong server.
 */
export const db: Db = new Proxy({} as Db, {
  get(_target, prop) {
    const real = getDb();
    const value = Reflect.get(real, prop, real);
    return typeof value === "function" ? value.bind(real) : value;
  },
});

export type { Db, Tx, DbOrTx } from "./client";
