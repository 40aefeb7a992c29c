import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { discountCodes, products, releases, tracks, type DiscountCode } from "@/db/schema";
import { parseMoneyInput } from "@/lib/money";
import { normalizeDiscountCode } from "./rules";

export type DiscountField = "code" | "amount" | "currency" | "item" | "expiresAt" | "usageLimit";
export type DiscountInput = Omit<DiscountCode, "id" | "artistId" | "usedCount" | "createdAt" | "updatedAt">;
export type DiscountParse =
  { ok: true; value: DiscountInput } | { ok: false; fieldErrors: Partial<Record<DiscountField, string>> };

const form = z.object({
  code: z.string().max(60),
  kind: z.enum(["percent", "fixed"]),
  amount: z.string().max(20),
  currency: z.string().max(3).default(""),
  scope: z.enum(["all", "digital", "physical", "item"]),
  item: z.string().max(120).default(""),
  expiresAt: z.string().max(20).default(""),
  usageLimit: z.string().max(12).default(""),
  active: z.string().optional(),
});

/**
 * The dashboard form, checked field by field (error keys are message names). An item must be
 * one of the band's own; an expiry date means "until the end of that day, UTC".
 */
export async function parseDiscountForm(
  db: DbOrTx,
  artistId: string,
  raw: Record<string, unknown>,
): Promise<DiscountParse> {
  const parsed = form.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: { code: "invalid" } };
  const input = parsed.data;
  const errors: Partial<Record<DiscountField, string>> = {};
  const code = normalizeDiscountCode(input.code);
  if (!/^[A-Z0-9_-]{3,40}$/.test(code)) errors.code = "codeFormat";
  let amount = 0;
  let currency: string | null = null;
  if (input.kind === "percent") {
    amount = Number(input.amount.trim().replace(/%$/, ""));
    if (!Number.isInteger(amount) || amount < 1 || amount > 100) errors.amount = "percentRange";
  } else {
    currency = input.currency.toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) errors.currency = "currency";
    const money = parseMoneyInput(input.amount, /^[A-Z]{3}$/.test(currency) ? currency : "EUR");
    if (!money.ok || money.amount <= 0) errors.amount = "fixedAmount";
    else amount = money.amount;
  }
  let itemKind: DiscountInput["itemKind"] = null;
  let itemId: string | null = null;
  if (input.scope === "item") {
    const [kind, id] = input.item.split(":");
    if (
      (kind === "release" || kind === "track" || kind === "product") &&
      id &&
      (await ownsItem(db, artistId, kind, id))
    )
      [itemKind, itemId] = [kind, id];
    else errors.item = "item";
  }
  let expiresAt: Date | null = null;
  if (input.expiresAt) {
    expiresAt = /^\d{4}-\d{2}-\d{2}$/.test(input.expiresAt) ? new Date(`${input.expiresAt}T23:59:59.999Z`) : null;
    if (!expiresAt || Number.isNaN(expiresAt.getTime())) errors.expiresAt = "date";
  }
  let usageLimit: number | null = null;
  if (input.usageLimit.trim()) {
    usageLimit = Number(input.usageLimit.trim());
    if (!Number.isInteger(usageLimit) || usageLimit < 1 || usageLimit > 1_000_000) errors.usageLimit = "limit";
  }
  if (Object.keys(errors).length) return { ok: false, fieldErrors: errors };
  return {
    ok: true,
    value: {
      code,
      kind: input.kind,
      amount,
      currency,
      scope: input.scope,
      itemKind,
      itemId,
      expiresAt,
      usageLimit,
      active: input.active === "on",
    },
  };
}

async function ownsItem(db: DbOrTx, artistId: string, kind: "release" | "track" | "product", id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return false;
  const table = kind === "release" ? releases : kind === "track" ? tracks : products;
  const rows = await db
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.id, id), eq(table.artistId, artistId)))
    .limit(1);
  return rows.length > 0;
}

export async function listDiscountCodes(db: DbOrTx, artistId: string) {
  return db
    .select()
    .from(discountCodes)
    .where(eq(discountCodes.artistId, artistId))
    .orderBy(desc(discountCodes.createdAt));
}

/** Null when the band already has a code with that text. */
export async function createDiscountCode(
  db: DbOrTx,
  artistId: string,
  value: DiscountInput,
): Promise<DiscountCode | null> {
  const [row] = await db
    .insert(discountCodes)
    .values({ ...value, artistId })
    .onConflictDoNothing()
    .returning();
  return row ?? null;
}

export type UpdateDiscountResult = { ok: true } | { ok: false; error: "not_found" | "taken" | "below_used" };

/** Scoped by band in the WHERE: another band's id matches nothing. */
export async function updateDiscountCode(
  db: DbOrTx,
  artistId: string,
  id: string,
  value: Partial<DiscountInput>,
): Promise<UpdateDiscountResult> {
  const [current] = await db
    .select()
    .from(discountCodes)
    .where(and(eq(discountCodes.id, id), eq(discountCodes.artistId, artistId)))
    .limit(1);
  if (!current) return { ok: false, error: "not_found" };
  if (value.usageLimit != null && value.usageLimit < current.usedCount) return { ok: false, error: "below_used" };
  try {
    await db
      .update(discountCodes)
      .set({ ...value, updatedAt: new Date() })
      .where(and(eq(discountCodes.id, id), eq(discountCodes.artistId, artistId)));
  } catch (error) {
    if (
      error instanceof Error &&
      /discount_codes_artist_code_idx/.test(`${error.message} ${String((error as { cause?: unknown }).cause)}`)
    )
      return { ok: false, error: "taken" };
    throw error;
  }
  return { ok: true };
}

export async function deleteDiscountCode(db: DbOrTx, artistId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(discountCodes)
    .where(and(eq(discountCodes.id, id), eq(discountCodes.artistId, artistId)))
    .returning({ id: discountCodes.id });
  return rows.length > 0;
}
