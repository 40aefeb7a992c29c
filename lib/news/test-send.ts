import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { deliverSoon, queueEmail } from "@/lib/email";
import { hit } from "@/lib/rate-limit";
import { buildPostEmail, loadPostMail } from "./message";

/** A member may send themselves a few tests, not use the button to mail someone else or flood a box. */
export const TEST_SEND_LIMIT = { max: 5, windowSeconds: 15 * 60 };

export type TestSendResult =
  | { ok: true; to: string }
  | { ok: false; error: "not_found" }
  | { ok: false; error: "rate_limited"; retryAfterSeconds: number };

/** The post as fans will get it, to the signed-in member's own address only, marked as a test. */
export async function sendTestPost(
  db: Db,
  artistId: string,
  postId: string,
  member: { id: string; email: string },
  locale = "en",
): Promise<TestSendResult> {
  const mail = await loadPostMail(db, postId);
  if (!mail || mail.post.artistId !== artistId) return { ok: false, error: "not_found" };
  const limit = await hit(db, `news-test:${member.id}`, TEST_SEND_LIMIT);
  if (!limit.allowed) return { ok: false, error: "rate_limited", retryAfterSeconds: limit.retryAfterSeconds };
  const { headers: _none, ...email } = buildPostEmail(mail, { id: "", email: member.email }, { test: true, locale });
  await db.transaction((tx) => queueEmail(tx, email, `news-test:${postId}:${randomUUID()}`));
  await deliverSoon(db);
  return { ok: true, to: member.email };
}
