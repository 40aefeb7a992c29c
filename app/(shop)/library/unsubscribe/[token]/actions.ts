"use server";

import { db } from "@/db";
import { unsubscribeWithToken } from "@/lib/fans";

export type UnsubscribeState = null | { ok: boolean };

/** The one click on the page; the token's signature is checked again here (a POST is public too). */
export async function unsubscribeAction(_prev: UnsubscribeState, form: FormData): Promise<UnsubscribeState> {
  const result = await unsubscribeWithToken(db, String(form.get("token") ?? ""));
  return { ok: result.ok };
}
