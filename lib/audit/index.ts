import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { auditLog, type AuditActor, type AuditEntry } from "@/db/schema";

export type Actor = { kind: AuditActor; userId?: string | null; email?: string | null };

/** The system itself (a job, a webhook): no person acted. */
export const SYSTEM: Actor = { kind: "system" };

export type AuditInput = {
  artistId: string | null;
  actor: Actor;
  action: string;
  target?: { type: string; id: string };
  reason?: string | null;
  details?: Record<string, unknown>;
};

/**
 * Appends one entry; call it inside the transaction of the change it records, so an action that
 * rolls back leaves no trace and one that commits always does. The table refuses edits (0018).
 */
export async function recordAudit(tx: DbOrTx, input: AuditInput): Promise<void> {
  await tx.insert(auditLog).values({
    artistId: input.artistId,
    actorKind: input.actor.kind,
    actorUserId: input.actor.userId ?? null,
    actorEmail: input.actor.email ?? null,
    action: input.action,
    targetType: input.target?.type ?? null,
    targetId: input.target?.id ?? null,
    reason: input.reason ?? null,
    details: input.details ?? {},
  });
}

/** Newest first, a page at a time (`before`: the createdAt of the last entry shown). */
export async function listAudit(
  db: DbOrTx,
  options: { artistId?: string; limit?: number; before?: Date } = {},
): Promise<AuditEntry[]> {
  const where: SQL[] = [];
  if (options.artistId) where.push(eq(auditLog.artistId, options.artistId));
  if (options.before) where.push(lt(auditLog.createdAt, options.before));
  return db
    .select()
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(Math.min(options.limit ?? 50, 200));
}
