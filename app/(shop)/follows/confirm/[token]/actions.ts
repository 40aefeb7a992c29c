"use server";

import type { UnsubscribeState } from "@/app/(shop)/library/unsubscribe/[token]/actions";
import { db } from "@/db";
import { confirmFollow } from "@/lib/follows";

/** The confirmation's one click (a POST: mail scanners open links, they do not press buttons). */
export async function confirmFollowAction(_prev: UnsubscribeState, form: FormData): Promise<UnsubscribeState> {
  const result = await confirmFollow(db, String(form.get("token") ?? ""));
  return { ok: result.ok };
}
