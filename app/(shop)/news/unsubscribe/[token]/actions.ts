"use server";

import { db } from "@/db";
import { unsubscribeFromNews } from "@/lib/news";

export type NewsUnsubscribeState = null | { ok: boolean };

/** The page's one button; the token's signature is checked again here (a POST is public too). */
export async function newsUnsubscribeAction(
  _prev: NewsUnsubscribeState,
  form: FormData,
): Promise<NewsUnsubscribeState> {
  const result = await unsubscribeFromNews(db, String(form.get("token") ?? ""));
  return { ok: result.ok };
}
