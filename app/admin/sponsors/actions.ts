"use server";

import { getLocale } from "next-intl/server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/db";
import type { Actor } from "@/lib/audit";
import { requireOperator } from "@/lib/auth/operator-guard";
import { addSponsorMember, createSponsor } from "@/lib/sponsors";

/** Each is a public POST endpoint: it checks the operator itself, then answers by redirecting with done or error. */
async function operatorActor(): Promise<Actor> {
  const user = await requireOperator();
  return { kind: "operator", userId: user.id, email: user.email };
}

const back = (outcome: { done: string } | { error: string }): never =>
  redirect(`/admin/sponsors?${"done" in outcome ? `done=${outcome.done}` : `error=${outcome.error}`}`);

export async function createSponsorAction(form: FormData) {
  const actor = await operatorActor();
  const result = await createSponsor(
    db,
    { name: String(form.get("name") ?? ""), contactEmail: String(form.get("contactEmail") ?? "") },
    actor,
  );
  back(result.ok ? { done: "created" } : { error: Object.values(result.fieldErrors)[0] ?? "invalid" });
}

export async function addSponsorMemberAction(form: FormData) {
  const actor = await operatorActor();
  const sponsorId = z.string().trim().min(1).max(64).safeParse(form.get("sponsorId"));
  if (!sponsorId.success) return back({ error: "not_found" });
  const result = await addSponsorMember(db, sponsorId.data, String(form.get("email") ?? ""), actor, await getLocale());
  back(result.ok ? { done: result.outcome } : { error: result.error });
}
