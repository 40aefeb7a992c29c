import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { creditAccounts, sponsorPrograms, sponsors, type CreditRules } from "@/db/schema";
import { accountKey, move, type Scope } from "@/lib/credit";
import { addToCart, findCart, setCartCountry, startCheckout } from "@/lib/orders";
import type { makeShop } from "./orders";

type Shop = Awaited<ReturnType<typeof makeShop>>;

/** Gives a fan a balance straight through the ledger (as a redeemed card or a top-up would). */
export async function giveBalance(db: Db, email: string, amount: number, scope: Scope = { type: "platform" }) {
  await move(db, "issue", { kind: "issued", currency: "EUR" }, { kind: "fan", email, currency: "EUR", scope }, amount);
}

export async function balanceOf(db: Db, email: string, scope: Scope = { type: "platform" }) {
  const [row] = await db
    .select({ balance: creditAccounts.balance })
    .from(creditAccounts)
    .where(eq(creditAccounts.key, accountKey({ kind: "fan", email, currency: "EUR", scope })));
  return row?.balance ?? 0;
}

/** A sponsor's active program (its payment is in) with `rules`. */
export async function makeProgram(db: Db, rules: CreditRules = {}, endsAt: Date | null = null) {
  const [sponsor] = await db
    .insert(sponsors)
    .values({ name: "Town library", contactEmail: `sponsor-${randomBytes(3).toString("hex")}@example.test` })
    .returning();
  const [program] = await db
    .insert(sponsorPrograms)
    .values({ sponsorId: sponsor.id, kind: "cards", currency: "EUR", rules, endsAt, status: "active" })
    .returning();
  return program;
}

/** A cart of `items` checked out by a fan signed into the library as `creditEmail`. */
export async function checkoutWithBalance(
  db: Db,
  shop: Shop,
  items: Parameters<typeof addToCart>[1]["item"][],
  opts: { creditEmail: string | null; email?: string | null; country?: string },
) {
  const token = randomBytes(16).toString("base64url");
  for (const item of items) {
    const added = await addToCart(db, { token, artist: shop.artist, item });
    if (!added.ok) throw new Error(`addToCart: ${added.error}`);
  }
  if (opts.country) await setCartCountry(db, (await findCart(db, token, shop.artist.id))!, opts.country);
  return startCheckout(db, {
    token,
    artist: shop.artist,
    email: opts.email === undefined ? null : opts.email,
    subscribe: false,
    locale: "en",
    creditEmail: opts.creditEmail,
  });
}
