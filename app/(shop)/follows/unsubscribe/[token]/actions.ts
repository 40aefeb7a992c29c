"use server";

import type { UnsubscribeState } from "@/app/(shop)/library/unsubscribe/[token]/actions";
import { db } from "@/db";
import { unsubscribeFollowWithToken } from "@/lib/follows";

/** The page's one click; the token's signature is checked again here (a POST is public too). */
export async function unsubscribeFollowAction(_prev: UnsubscribeState, form: FormData): Promise<UnsubscribeState> {
  const result = await unsubscribeFollowWithToken(db, String(form.get("token") ?? ""));
  return { ok: result.ok };
}
