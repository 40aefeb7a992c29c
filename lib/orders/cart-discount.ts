import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { carts, type Artist, type Cart } from "@/db/schema";
import { checkDiscount, computeDiscount, findDiscountCode, type DiscountRefusal } from "@/lib/discounts";
import { priceCart } from "./cart-pricing";

export type ApplyDiscountResult =
  { ok: true; amount: number } | { ok: false; reason: DiscountRefusal | "not_applicable" | "empty" };

/** The fan's "apply" button: only a code that takes something off this cart now is kept on it. */
export async function applyDiscountToCart(
  db: DbOrTx,
  cart: Cart | null,
  artist: Artist,
  text: string,
): Promise<ApplyDiscountResult> {
  if (!cart) return { ok: false, reason: "empty" };
  const code = await findDiscountCode(db, artist.id, text);
  if (!code) return { ok: false, reason: "unknown" };
  const priced = await priceCart(db, cart, artist);
  if (!priced.lines.length) return { ok: false, reason: "empty" };
  const check = checkDiscount(code, priced.currency);
  if (!check.ok) return check;
  const split = computeDiscount(code, priced.lines);
  if (!split.amount) return { ok: false, reason: "not_applicable" };
  await db.update(carts).set({ discountCodeId: code.id }).where(eq(carts.id, cart.id));
  return { ok: true, amount: split.amount };
}

export async function removeDiscountFromCart(db: DbOrTx, cart: Cart) {
  await db.update(carts).set({ discountCodeId: null }).where(eq(carts.id, cart.id));
}
