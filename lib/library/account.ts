import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { users } from "@/db/schema";

/**
 * A signed-in account's email opens its library only once that address was proven (a magic link
 * sets emailVerified): password sign-ups never were, and anyone can sign up with anyone's email.
 */
export async function verifiedAccountEmail(db: DbOrTx, userId: string): Promise<string | null> {
  const [user] = await db
    .select({ email: users.email, emailVerified: users.emailVerified })
    .from(users)
    .where(eq(users.id, userId));
  return user?.emailVerified ? user.email.toLowerCase() : null;
}
