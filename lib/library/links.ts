import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import {
  creditAccounts,
  downloadGrants,
  fanSubscriptions,
  follows,
  libraryLoginTokens,
  wishlistItems,
} from "@/db/schema";
import { hashToken, newToken } from "@/lib/auth/tokens";
import { queueEmail, renderEmail } from "@/lib/email";
import { env } from "@/lib/env";
import { translator } from "@/lib/i18n";
import { hit, type Limit } from "@/lib/rate-limit";

const LINK_TTL_MS = 60 * 60 * 1000;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export const libraryLinkLimits = {
  perEmail: { max: 5, windowSeconds: 60 * 60 } satisfies Limit,
  perIp: { max: 20, windowSeconds: 60 * 60 } satisfies Limit,
};

export function libraryUrl() {
  return new URL("/library", env().APP_URL).toString();
}

/** Pages a sign-in link may bring the fan back to (a gift card's redeem page with its code, a release's heart). */
export const safeLibraryNext = (next: string | null | undefined) =>
  next &&
  (/^\/gift\/redeem(\?code=[A-Za-z0-9-]{1,60})?$/.test(next) ||
    /^\/library\/wishlist\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(next))
    ? next
    : null;

export function libraryLinkUrl(token: string, next?: string | null) {
  const back = safeLibraryNext(next);
  return new URL(
    `/library/open?token=${encodeURIComponent(token)}${back ? `&next=${encodeURIComponent(back)}` : ""}`,
    env().APP_URL,
  ).toString();
}

export type LinkRequest =
  | { ok: true; email: string }
  | { ok: false; reason: "invalid_email" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/**
 * Whether the library has anything for this address: a purchase, a balance (a redeemed gift card,
 * a top-up), a confirmed follow, a wishlist or a fan subscription. One query, one answer.
 */
async function hasSomethingToOpen(db: DbOrTx, email: string): Promise<boolean> {
  const [row] = await db.execute<{ found: boolean }>(sql`select (
      exists (select 1 from ${downloadGrants} where ${downloadGrants.email} = ${email} and ${downloadGrants.revokedAt} is null)
      or exists (select 1 from ${creditAccounts} where ${creditAccounts.kind} = 'fan' and ${creditAccounts.email} = ${email})
      or exists (select 1 from ${follows} where ${follows.email} = ${email} and ${follows.status} = 'confirmed' and ${follows.unsubscribedAt} is null)
      or exists (select 1 from ${wishlistItems} where ${wishlistItems.email} = ${email})
      or exists (select 1 from ${fanSubscriptions} where ${fanSubscriptions.email} = ${email} and ${fanSubscriptions.status} <> 'incomplete')
    ) as found`);
  return Boolean(row?.found);
}

/**
 * Emails a sign-in link when the address has something in the library (hasSomethingToOpen). The answer is the same whether it has any
 * or not, so the form tells nobody who bought what. Mail is queued: the caller delivers it after
 * answering (so the time taken says nothing either).
 */
export async function requestLibraryLink(
  db: DbOrTx,
  input: {
    email: string;
    ip: string;
    locale: string;
    now?: Date;
    /** Where the link brings the fan back to after sign-in (safeLibraryNext). */
    next?: string | null;
    /** The caller knows this address has something to open (a gift card it holds the code of). */
    holdsCredit?: boolean;
  },
): Promise<LinkRequest> {
  const parsed = z.email().max(320).safeParse(input.email.trim().toLowerCase());
  if (!parsed.success) return { ok: false, reason: "invalid_email" };
  const email = parsed.data;
  const now = input.now ?? new Date();
  for (const [key, limit] of [
    [`library:email:${email}`, libraryLinkLimits.perEmail],
    [`library:ip:${input.ip}`, libraryLinkLimits.perIp],
  ] as const) {
    const state = await hit(db, key, limit, now);
    if (!state.allowed) return { ok: false, reason: "rate_limited", retryAfterSeconds: state.retryAfterSeconds };
  }
  // A fan hearting a release signs in to start a wishlist: the link is what they asked for.
  const hearting = safeLibraryNext(input.next)?.startsWith("/library/wishlist/") ?? false;
  if (!input.holdsCredit && !hearting && !(await hasSomethingToOpen(db, email))) return { ok: true, email };

  const { token, tokenHash } = newToken();
  await db.insert(libraryLoginTokens).values({ tokenHash, email, expiresAt: new Date(now.getTime() + LINK_TTL_MS) });
  const { t } = translator(input.locale);
  await queueEmail(
    db,
    renderEmail({
      to: email,
      subject: t("downloads.library.mail.subject"),
      intro: t("downloads.library.mail.intro"),
      action: { label: t("downloads.library.mail.action"), url: libraryLinkUrl(token, input.next) },
      outro: t("downloads.library.mail.outro"),
    }),
    `library-link:${tokenHash}`,
  );
  return { ok: true, email };
}

export type LinkState = "live" | "used" | "expired" | "unknown";

/** Where a link stands, without spending it (the page shows "already used" before any click). */
export async function libraryLinkState(db: DbOrTx, token: string, now = new Date()): Promise<LinkState> {
  if (!TOKEN.test(token)) return "unknown";
  const [row] = await db
    .select({ usedAt: libraryLoginTokens.usedAt, expiresAt: libraryLoginTokens.expiresAt })
    .from(libraryLoginTokens)
    .where(eq(libraryLoginTokens.tokenHash, hashToken(token)));
  if (!row) return "unknown";
  if (row.usedAt) return "used";
  return row.expiresAt.getTime() <= now.getTime() ? "expired" : "live";
}

export type LinkRedemption = { ok: true; email: string } | { ok: false; reason: Exclude<LinkState, "live"> };

/** Spends a link: one statement, so two clicks at once cannot both sign in. */
export async function redeemLibraryLink(db: DbOrTx, token: string, now = new Date()): Promise<LinkRedemption> {
  if (!TOKEN.test(token)) return { ok: false, reason: "unknown" };
  const [spent] = await db
    .update(libraryLoginTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(libraryLoginTokens.tokenHash, hashToken(token)),
        isNull(libraryLoginTokens.usedAt),
        gt(libraryLoginTokens.expiresAt, now),
      ),
    )
    .returning({ email: libraryLoginTokens.email });
  if (spent) return { ok: true, email: spent.email };
  const state = await libraryLinkState(db, token, now);
  // "live" cannot happen here (the update would have spent it), short of a clock disagreement.
  return { ok: false, reason: state === "live" ? "used" : state };
}
