import { eq, sql } from "drizzle-orm";
import type { JWT } from "next-auth/jwt";
import type { DbOrTx } from "@/db/client";
import { users } from "@/db/schema";

/**
 * Session cookies are signed JWTs, valid on their own for 30 days. Each carries the user's
 * session version from the moment of sign-in; every read of the session compares it with the
 * database, so raising the version (password reset, "sign out everywhere", removal from a band)
 * ends every cookie issued before, on every device, at their next request.
 */
export async function endAllSessions(db: DbOrTx, userId: string) {
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}

async function currentVersion(db: DbOrTx, userId: string): Promise<number | null> {
  const [row] = await db.select({ version: users.sessionVersion }).from(users).where(eq(users.id, userId));
  return row ? row.version : null;
}

type SignedIn = { id?: string; sessionVersion?: unknown };

/**
 * The Auth.js `jwt` callback. At sign-in (`user` given) the token takes the version read with the
 * user's row (so a reset landing between the password check and here still ends it); afterwards a
 * token whose version is not the user's current one, or whose user is gone, is refused (null
 * makes Auth.js clear the cookie and answer "no session").
 */
export async function checkSessionToken(db: DbOrTx, token: JWT, user?: SignedIn): Promise<JWT | null> {
  if (user?.id) {
    const version = typeof user.sessionVersion === "number" ? user.sessionVersion : await currentVersion(db, user.id);
    if (version === null) return null;
    return { ...token, sub: user.id, sv: version };
  }
  if (!token.sub) return null;
  // Cookies issued before versions existed count as version 0: valid until the first raise.
  const issued = typeof token.sv === "number" ? token.sv : 0;
  return (await currentVersion(db, token.sub)) === issued ? token : null;
}
