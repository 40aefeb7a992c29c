import "server-only";
import { cookies } from "next/headers";
import { db } from "@/db";
import { currentUser } from "@/lib/auth";
import { secureCookies } from "@/lib/http/secure-request";
import { LIBRARY_COOKIE, readLibrarySession, sealLibrarySession, verifiedAccountEmail } from "@/lib/library";

export type LibraryViewer = { email: string; via: "link" | "account" };

/** Whose library this browser may see: the emailed link's cookie, else a verified account's email. */
export async function libraryViewer(): Promise<LibraryViewer | null> {
  const email = readLibrarySession((await cookies()).get(LIBRARY_COOKIE)?.value);
  if (email) return { email, via: "link" };
  const user = await currentUser();
  const verified = user ? await verifiedAccountEmail(db, user.id) : null;
  return verified ? { email: verified, via: "account" } : null;
}

export async function openLibrarySession(email: string) {
  const { value, maxAge } = sealLibrarySession(email);
  (await cookies()).set(LIBRARY_COOKIE, value, {
    httpOnly: true,
    sameSite: "lax",
    secure: await secureCookies(),
    path: "/",
    maxAge,
  });
}

export async function closeLibrarySession() {
  (await cookies()).delete(LIBRARY_COOKIE);
}
