import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { users } from "@/db/schema";

/** Whether the user holds the operator role (granted only from the command line). */
export async function isOperator(db: DbOrTx, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), isNotNull(users.operatorSince)));
  return Boolean(row);
}

export type GrantResult = { ok: true; alreadyOperator: boolean } | { ok: false; error: "no_such_user" };

/** `npm run admin:grant -- <email>`: there is deliberately no web path to this. */
export async function grantOperator(db: DbOrTx, email: string): Promise<GrantResult> {
  const [user] = await db
    .select({ id: users.id, operatorSince: users.operatorSince })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()));
  if (!user) return { ok: false, error: "no_such_user" };
  if (user.operatorSince) return { ok: true, alreadyOperator: true };
  await db.update(users).set({ operatorSince: new Date() }).where(eq(users.id, user.id));
  return { ok: true, alreadyOperator: false };
}

export async function revokeOperator(db: DbOrTx, email: string): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ operatorSince: null, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()))
    .returning({ id: users.id });
  return rows.length > 0;
}
