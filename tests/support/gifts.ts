import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { giftCards, type GiftDetails } from "@/db/schema";
import { fulfillCreditPurchase, startCreditPurchase } from "@/lib/credit";
import { unique } from "./factories";

export const giftEmail = (prefix = "fan") => `${unique(prefix)}@example.test`;

/** A fan buys a gift card through the configured provider (not yet paid). */
export async function startGift(
  db: Db,
  options: { amount?: number; currency?: string; artistId?: string | null; gift?: GiftDetails; email?: string } = {},
) {
  const email = options.email ?? giftEmail("buyer");
  const started = await startCreditPurchase(db, {
    kind: "gift_card",
    email,
    currency: options.currency ?? "EUR",
    unitAmount: options.amount ?? 2500,
    artistId: options.artistId ?? null,
    gift: options.gift ?? null,
    locale: "en",
    successPath: "/gift/thanks?purchase={PURCHASE}&session={SESSION}",
    cancelPath: "/gift",
  });
  if (!started.ok) throw new Error(`gift purchase failed: ${started.error}`);
  return { ...started, email };
}

/** A paid gift card, as the test page's Pay button leaves it. */
export async function buyGift(db: Db, options: Parameters<typeof startGift>[1] = {}, now = new Date()) {
  const started = await startGift(db, options);
  const result = await fulfillCreditPurchase(db, started.purchaseId, { paymentId: unique("test_pay") }, now);
  if (result.outcome !== "fulfilled") throw new Error(`not fulfilled: ${result.outcome}`);
  const [card] = await db.select().from(giftCards).where(eq(giftCards.purchaseId, started.purchaseId));
  return { ...started, card, code: result.codes[0], pageToken: result.pageTokens[0] };
}

/** pg-boss jobs queued for one gift card's delivery. */
export async function deliveryJobs(db: Db, cardId: string) {
  return (await db.execute<{ state: string; start_after: Date }>(
    sql`select state::text as state, start_after from pgboss.job where name = 'gift-deliver' and singleton_key = ${cardId}`,
  )) as unknown as { state: string; start_after: Date }[];
}
