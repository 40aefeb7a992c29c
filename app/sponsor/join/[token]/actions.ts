"use server";

import { redirect } from "next/navigation";
import { db } from "@/db";
import { requireUser } from "@/lib/auth";
import { acceptSponsorInvite } from "@/lib/sponsors";

export async function acceptSponsorInviteAction(form: FormData) {
  const token = String(form.get("token") ?? "");
  const user = await requireUser(`/sponsor/join/${token}`);
  const result = await acceptSponsorInvite(db, user, token);
  // A refused token shows the page again, which explains why.
  redirect(result.ok ? `/sponsor?s=${result.sponsorId}` : `/sponsor/join/${token}`);
}
