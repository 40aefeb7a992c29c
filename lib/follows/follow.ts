import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { artists, follows } from "@/db/schema";
import { hashToken, newToken } from "@/lib/auth/tokens";
import { hit, type Limit } from "@/lib/rate-limit";
import { CONFIRM_TTL_DAYS, queueConfirmationEmail } from "./mail";

const CONFIRM_TTL_MS = CONFIRM_TTL_DAYS * 24 * 60 * 60 * 1000;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export const followLimits = {
  perEmail: { max: 5, windowSeconds: 60 * 60 } satisfies Limit,
  perIp: { max: 20, windowSeconds: 60 * 60 } satisfies Limit,
};

/** Where the Follow button was pressed. */
export const FOLLOW_SOURCES = ["shop", "release", "widget", "library"] as const;
export type FollowSource = (typeof FOLLOW_SOURCES)[number];
export const followSource = (value: unknown): FollowSource =>
  FOLLOW_SOURCES.includes(value as FollowSource) ? (value as FollowSource) : "shop";

export const normalEmail = (email: string) => {
  const parsed = z.email().max(320).safeParse(email.trim().toLowerCase());
  return parsed.success ? parsed.data : null;
};

export type FollowRequest =
  | { ok: true; email: string }
  | { ok: false; reason: "invalid_email" | "unknown_band" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/**
 * An e-mail-only follow (double opt-in): a pending row and a confirmation link. The answer is the
 * same whether the address already follows or not, so the form tells nobody who follows whom;
 * an address already following gets no mail. Mail is queued: the caller delivers it after answering.
 */
export async function followWithEmail(
  db: DbOrTx,
  input: { artistId: string; email: string; ip: string; locale: string; source: FollowSource; now?: Date },
): Promise<FollowRequest> {
  const email = normalEmail(input.email);
  if (!email) return { ok: false, reason: "invalid_email" };
  const now = input.now ?? new Date();
  for (const [key, limit] of [
    [`follows:email:${email}`, followLimits.perEmail],
    [`follows:ip:${input.ip}`, followLimits.perIp],
  ] as const) {
    const state = await hit(db, key, limit, now);
    if (!state.allowed) return { ok: false, reason: "rate_limited", retryAfterSeconds: state.retryAfterSeconds };
  }
  return db.transaction(async (tx) => {
    const [artist] = await tx
      .select({ id: artists.id, name: artists.name })
      .from(artists)
      .where(and(eq(artists.id, input.artistId), eq(artists.status, "active")));
    if (!artist) return { ok: false, reason: "unknown_band" } as const;
    const { token, tokenHash } = newToken();
    // A live follow keeps its row untouched; a pending or ended one gets a fresh link.
    const [row] = await tx
      .insert(follows)
      .values({
        artistId: artist.id,
        email,
        status: "pending",
        confirmTokenHash: tokenHash,
        confirmSentAt: now,
        source: input.source,
        locale: input.locale,
      })
      .onConflictDoUpdate({
        target: [follows.artistId, follows.email],
        set: {
          status: "pending",
          confirmTokenHash: tokenHash,
          confirmSentAt: now,
          unsubscribedAt: null,
          source: input.source,
          locale: input.locale,
          updatedAt: now,
        },
        setWhere: sql`${follows.status} = 'pending' or ${follows.unsubscribedAt} is not null`,
      })
      .returning({ id: follows.id });
    if (row) await queueConfirmationEmail(tx, { email, band: artist.name, token, tokenHash, locale: input.locale });
    return { ok: true, email } as const;
  });
}

/**
 * A fan with a library session proved the address already (magic link): confirmed at once. A
 * follow that was live keeps its history; a pending or ended one starts telling releases from now.
 */
export async function followAsFan(
  db: DbOrTx,
  input: { artistId: string; email: string; source: FollowSource; locale: string; now?: Date },
): Promise<{ ok: true } | { ok: false; reason: "unknown_band" | "invalid_email" }> {
  const email = normalEmail(input.email);
  if (!email) return { ok: false, reason: "invalid_email" };
  const now = input.now ?? new Date();
  const [artist] = await db
    .select({ id: artists.id })
    .from(artists)
    .where(and(eq(artists.id, input.artistId), eq(artists.status, "active")));
  if (!artist) return { ok: false, reason: "unknown_band" };
  await db
    .insert(follows)
    .values({
      artistId: artist.id,
      email,
      status: "confirmed",
      source: input.source,
      locale: input.locale,
      confirmedAt: now,
      notifiedThrough: now,
    })
    .onConflictDoUpdate({
      target: [follows.artistId, follows.email],
      set: {
        status: "confirmed",
        confirmTokenHash: null,
        confirmedAt: now,
        notifiedThrough: now,
        unsubscribedAt: null,
        source: input.source,
        locale: input.locale,
        updatedAt: now,
      },
      setWhere: sql`${follows.status} = 'pending' or ${follows.unsubscribedAt} is not null`,
    });
  return { ok: true };
}

export type Confirmation =
  | { ok: true; already: boolean; email: string; band: { name: string; slug: string } }
  | { ok: false; reason: "expired" | "unknown" };

/** Where a confirmation link stands, without using it (the page asks for one click first). */
export async function lookUpConfirmation(db: DbOrTx, token: string, now = new Date()): Promise<Confirmation> {
  if (!TOKEN.test(token)) return { ok: false, reason: "unknown" };
  const [row] = await db
    .select({
      status: follows.status,
      email: follows.email,
      confirmSentAt: follows.confirmSentAt,
      name: artists.name,
      slug: artists.slug,
    })
    .from(follows)
    .innerJoin(artists, eq(artists.id, follows.artistId))
    .where(and(eq(follows.confirmTokenHash, hashToken(token)), isNull(follows.unsubscribedAt)));
  if (!row) return { ok: false, reason: "unknown" };
  const band = { name: row.name, slug: row.slug };
  if (row.status === "confirmed") return { ok: true, already: true, email: row.email, band };
  if (!row.confirmSentAt || row.confirmSentAt.getTime() + CONFIRM_TTL_MS <= now.getTime())
    return { ok: false, reason: "expired" };
  return { ok: true, already: false, email: row.email, band };
}

/**
 * The link's click: one conditional UPDATE (pending, link not expired), so two clicks at once
 * confirm once; a second click finds it confirmed and says so. Releases are told from now on.
 */
export async function confirmFollow(db: DbOrTx, token: string, now = new Date()): Promise<Confirmation> {
  if (!TOKEN.test(token)) return { ok: false, reason: "unknown" };
  const [done] = await db
    .update(follows)
    .set({ status: "confirmed", confirmedAt: now, notifiedThrough: now, unsubscribedAt: null, updatedAt: now })
    .where(
      and(
        eq(follows.confirmTokenHash, hashToken(token)),
        eq(follows.status, "pending"),
        isNull(follows.unsubscribedAt),
        sql`${follows.confirmSentAt} > ${new Date(now.getTime() - CONFIRM_TTL_MS).toISOString()}::timestamptz`,
      ),
    )
    .returning({ id: follows.id });
  const state = await lookUpConfirmation(db, token, now);
  return done && state.ok ? { ...state, already: false } : state;
}

/** The library's Unfollow: the row stays (the band's history), the link dies. */
export async function unfollow(db: DbOrTx, input: { artistId: string; email: string; now?: Date }): Promise<boolean> {
  const now = input.now ?? new Date();
  const rows = await db
    .update(follows)
    .set({ unsubscribedAt: now, confirmTokenHash: null, updatedAt: now })
    .where(
      and(
        eq(follows.artistId, input.artistId),
        eq(follows.email, input.email.toLowerCase()),
        isNull(follows.unsubscribedAt),
      ),
    )
    .returning({ id: follows.id });
  return rows.length > 0;
}
