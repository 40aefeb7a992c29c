import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { db, getDb } from "@/db";
import { closeProcessDb, processDb } from "@/db/pool";

afterAll(() => closeProcessDb());

describe("one database pool per process", () => {
  it("the server's fast stream path (db/pool.ts) and the app's code (db/index.ts) use the same pool", async () => {
    // lib/cli/server.ts opens the process's pool before Next loads; the app's first query then finds it.
    const server = processDb();
    expect(getDb()).toBe(server);
    const [row] = await db.execute<{ one: number }>(sql`select 1 as one`);
    expect(row.one).toBe(1);
    expect(processDb()).toBe(server);
  });
});
