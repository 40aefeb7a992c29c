import { index, jsonb, pgEnum, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";

export const auditActorEnum = pgEnum("audit_actor", ["operator", "member", "system"]);

/**
 * Append-only (migration 0018's trigger refuses UPDATE, DELETE and TRUNCATE): operators' actions
 * and a band's sensitive ones (payout account, refunds, members, plan). No foreign keys, so the
 * trail outlives the band, the user and the release it speaks of; names are snapshots.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: id(),
    /** The band the entry concerns (shown to its members); null for platform-wide actions. */
    artistId: text("artist_id"),
    actorKind: auditActorEnum("actor_kind").notNull(),
    actorUserId: text("actor_user_id"),
    actorEmail: text("actor_email"),
    /** Dotted verb, e.g. "artist.suspend", "release.take_down", "order.refund", "plan.change". */
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    reason: text("reason"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index("audit_log_artist_idx").on(t.artistId, t.createdAt), index("audit_log_created_idx").on(t.createdAt)],
);

export type AuditEntry = typeof auditLog.$inferSelect;
export type AuditActor = (typeof auditActorEnum.enumValues)[number];
