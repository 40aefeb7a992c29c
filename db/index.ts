import "server-only";
import type { Db } from "./client";
import { processDb } from "./pool";

/** The process's one pool (db/pool.ts). */
export const getDb = (): Db => processDb();

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
