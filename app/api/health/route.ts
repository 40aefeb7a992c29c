import { sql } from "drizzle-orm";
import { db } from "@/db";
import { logger } from "@/lib/log";

export const dynamic = "force-dynamic";

/** Liveness for load balancers: 200 when the database answers, 503 when it does not. */
export async function GET() {
  const started = performance.now();
  try {
    await db.execute(sql`select 1`);
    return Response.json(
      { status: "ok", app: "ok", database: "ok", databaseLatencyMs: Math.round(performance.now() - started) },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    logger.error({ err: error }, "health check: database unreachable");
    return Response.json(
      { status: "degraded", app: "ok", database: "unreachable" },
      { status: 503, headers: { "Cache-Control": "no-store" } },
    );
  }
}
