"use server";

import { db } from "@/db";
import { requireUser, signOut } from "@/lib/auth";
import { endAllSessions } from "@/lib/auth/sessions";

/** Ends every session of the caller's account (other devices, copied cookies, this browser). */
export async function signOutEverywhereAction() {
  const user = await requireUser();
  await endAllSessions(db, user.id);
  await signOut({ redirectTo: "/signin?signedOut=everywhere" });
}
