"use server";

import { redirect } from "next/navigation";
import { db } from "@/db";
import { acceptInvite } from "@/lib/artists";
import { requireUser } from "@/lib/auth";

export async function acceptInviteAction(form: FormData) {
  const token = String(form.get("token") ?? "");
  const user = await requireUser(`/invite/${token}`);
  const result = await acceptInvite(db, user, token);
  // A refused token shows the page again, which explains why.
  redirect(result.ok ? `/dashboard/${result.artistSlug}` : `/invite/${token}`);
}
