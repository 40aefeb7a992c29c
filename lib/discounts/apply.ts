import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { discountCodes } from "@/db/schema";
import { computeDiscount, type DiscountableLine } from "./compute";
import { checkDiscount, type DiscountCheck } from "./rules";

/** The code on a cart as priced now: refused codes stay visible (so the fan is told why) but take nothing off. */
export type AppliedDiscount = {
  id: string;
  code: string;
  check: DiscountCheck;
  amount: number;
  perLine: Map<string, number>;
};

/** Re-reads the code from the database each time: a code switched off or used up meanwhile stops counting. */
export async function priceDiscount(
  db: DbOrTx,
  input: { artistId: string; discountCodeId: string | null; currency: string; lines: DiscountableLine[] },
): Promise<AppliedDiscount | null> {
  if (!input.discountCodeId) return null;
  const [code] = await db
    .select()
    .from(discountCodes)
    .where(and(eq(discountCodes.id, input.discountCodeId), eq(discountCodes.artistId, input.artistId)))
    .limit(1);
  if (!code) return null;
  const check = checkDiscount(code, input.currency);
  if (!check.ok) return { id: code.id, code: code.code, check, amount: 0, perLine: new Map() };
  const split = computeDiscount(code, input.lines);
  return { id: code.id, code: code.code, check, amount: split.amount, perLine: split.perLine };
}
