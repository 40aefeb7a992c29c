import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { passwordResetTokens, users, type User } from "@/db/schema";
import { hit, release, reset, type Limit } from "@/lib/rate-limit";
import { dummyPasswordHash, hashPassword, verifyPassword } from "./password";
import { hashToken, newToken } from "./tokens";

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

const accountKey = (email: string) => `signin:account:${normalizeEmail(email)}`;

export const signInLimits = {
  perAccount: { max: 5, windowSeconds: 15 * 60 } satisfies Limit,
  perIp: { max: 30, windowSeconds: 15 * 60 } satisfies Limit,
};

export async function findUserByEmail(db: DbOrTx, email: string): Promise<User | undefined> {
  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${normalizeEmail(email)}`)
    .limit(1);
  return user;
}

export type RegisterResult = { ok: true; user: User } | { ok: false; error: "email_taken" };

export async function registerUser(
  db: DbOrTx,
  input: { name: string; email: string; password: string; locale?: string },
): Promise<RegisterResult> {
  const passwordHash = await hashPassword(input.password);
  const [user] = await db
    .insert(users)
    .values({ name: input.name.trim(), email: normalizeEmail(input.email), passwordHash, locale: input.locale })
    .onConflictDoNothing()
    .returning();
  return user ? { ok: true, user } : { ok: false, error: "email_taken" };
}

export type AuthenticateResult =
  | { ok: true; user: User }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/**
 * Email + password check with failure counters per account and per IP address. Every attempt is
 * counted (one atomic increment each) before the password is looked at, so N simultaneous
 * guesses run argon2 at most `max` times; a right password gives its hits back.
 */
export async function authenticate(
  db: DbOrTx,
  email: string,
  password: string,
  ip: string,
): Promise<AuthenticateResult> {
  const counters = [
    [`signin:ip:${ip}`, signInLimits.perIp],
    [accountKey(email), signInLimits.perAccount],
  ] as const;
  for (const [key, limit] of counters) {
    // A caller blocked by its address does not also spend the account's attempts.
    const state = await hit(db, key, limit);
    if (!state.allowed) return { ok: false, reason: "rate_limited", retryAfterSeconds: state.retryAfterSeconds };
  }
  const user = await findUserByEmail(db, email);
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user?.passwordHash || !valid) return { ok: false, reason: "invalid" };
  await release(db, counters[0][0], signInLimits.perIp);
  await reset(db, accountKey(email));
  return { ok: true, user };
}

const RESET_TTL_MS = 60 * 60 * 1000;

/** Returns the raw token to email, or null when no such account exists (the caller says the same either way). */
export async function createPasswordReset(db: DbOrTx, email: string): Promise<{ token: string; user: User } | null> {
  const user = await findUserByEmail(db, email);
  if (!user) return null;
  const { token, tokenHash } = newToken();
  await db
    .insert(passwordResetTokens)
    .values({ tokenHash, userId: user.id, expiresAt: new Date(Date.now() + RESET_TTL_MS) });
  return { token, user };
}

export type ResetResult = { ok: true; userId: string } | { ok: false; error: "invalid_or_expired" };

export async function resetPassword(db: DbOrTx, token: string, newPassword: string): Promise<ResetResult> {
  const passwordHash = await hashPassword(newPassword);
  return db.transaction(async (tx) => {
    const [used] = await tx
      .update(passwordResetTokens)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(passwordResetTokens.tokenHash, hashToken(token)),
          isNull(passwordResetTokens.usedAt),
          gt(passwordResetTokens.expiresAt, new Date()),
        ),
      )
      .returning();
    if (!used) return { ok: false, error: "invalid_or_expired" } as const;
    // Any other link still in a mailbox dies with this one, and so does every session.
    await tx
      .update(passwordResetTokens)
      .set({ usedAt: new Date() })
      .where(and(eq(passwordResetTokens.userId, used.userId), isNull(passwordResetTokens.usedAt)));
    const [user] = await tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, used.userId))
      .returning({ email: users.email });
    if (user) await reset(tx, accountKey(user.email));
    return { ok: true, userId: used.userId } as const;
  });
}
