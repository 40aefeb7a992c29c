import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { discountCodes, type DiscountCode } from "@/db/schema";

export type DiscountRefusal = "unknown" | "inactive" | "expired" | "used_up" | "wrong_currency";
export type DiscountCheck = { ok: true } | { ok: false; reason: DiscountRefusal };

/** Codes are typed by fans in any case, with stray spaces: stored and compared upper-case. */
export function normalizeDiscountCode(text: string): string {
  return text.trim().toUpperCase().replace(/\s+/g, "");
}

/** Whether a band's code may discount a cart in `currency` now (checked at every pricing). */
export function checkDiscount(code: DiscountCode, currency: string, now = new Date()): DiscountCheck {
  if (!code.active) return { ok: false, reason: "inactive" };
  if (code.expiresAt && code.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" };
  if (code.usageLimit !== null && code.usedCount >= code.usageLimit) return { ok: false, reason: "used_up" };
  if (code.kind === "fixed" && code.currency !== currency) return { ok: false, reason: "wrong_currency" };
  return { ok: true };
}

/** Only the band's own codes: another band's code text is simply unknown here. */
export async function findDiscountCode(db: DbOrTx, artistId: string, text: string): Promise<DiscountCode | null> {
  const code = normalizeDiscountCode(text);
  if (!code) return null;
  const [row] = await db
    .select()
    .from(discountCodes)
    .where(and(eq(discountCodes.artistId, artistId), eq(discountCodes.code, code)))
    .limit(1);
  return row ?? null;
}

export async function getDiscountCodeById(db: DbOrTx, artistId: string, id: string): Promise<DiscountCode | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await db
    .select()
    .from(discountCodes)
    .where(and(eq(discountCodes.artistId, artistId), eq(discountCodes.id, id)))
    .limit(1);
  return row ?? null;
}
