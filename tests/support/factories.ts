import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll } from "vitest";
import { createDb, type Db } from "@/db/client";
import { artistMembers, artists, users, type MemberRole, type Plan } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";

/** One pool per test file, closed when the file is done. */
export function useTestDb(): Db {
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new Error("Integration tests need DATABASE_URL: run them through `npm test` (it starts the database).");
  const { db, client } = createDb(url, { max: 5 });
  afterAll(() => client.end({ timeout: 5 }));
  return db;
}

export const unique = (prefix: string) => `${prefix}-${randomBytes(4).toString("hex")}`;

export async function makeUser(db: Db, overrides: { email?: string; password?: string; name?: string } = {}) {
  const email = overrides.email ?? `${unique("fan")}@example.test`;
  const [user] = await db
    .insert(users)
    .values({
      email,
      name: overrides.name ?? "Test User",
      passwordHash: overrides.password ? await hashPassword(overrides.password) : null,
    })
    .returning();
  return user;
}

/** A band on the Free plan unless told otherwise: Free lists one published release (lib/plans). */
export async function makeArtist(
  db: Db,
  ownerId: string,
  overrides: { slug?: string; name?: string; plan?: Plan } = {},
) {
  const slug = overrides.slug ?? unique("band");
  const [artist] = await db
    .insert(artists)
    .values({ slug, name: overrides.name ?? `Band ${slug}`, plan: overrides.plan ?? "free" })
    .returning();
  await db.insert(artistMembers).values({ artistId: artist.id, userId: ownerId, role: "owner" });
  return artist;
}

export async function addMember(db: Db, artistId: string, userId: string, role: MemberRole = "member") {
  await db.insert(artistMembers).values({ artistId, userId, role });
}

/** A user with the operator role (granted from the command line in real life), as the console's guard sees it. */
export async function makeOperator(db: Db) {
  const user = await makeUser(db);
  await db.update(users).set({ operatorSince: new Date() }).where(eq(users.id, user.id));
  return { id: user.id, email: user.email, name: null };
}

/** A server action's form. */
export function formData(fields: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}
