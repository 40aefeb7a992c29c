import { and, eq } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import {
  creditPurchases,
  sponsorPrograms,
  type CreditPurchase,
  type CreditPurchaseKind,
  type GiftDetails,
} from "@/db/schema";
import { isCurrency } from "@/lib/artists";
import { env } from "@/lib/env";
import type { Locale } from "@/lib/i18n/config";
import { logger } from "@/lib/log";
import { currencyDigits } from "@/lib/money";
import { paymentProvider, type PaymentConfirmation } from "@/lib/payments";
import { normalizeEmail } from "./accounts";
import { issueCard } from "./cards";
import { afterGiftIssued } from "./delivery";
import { move } from "./ledger";
import { matchTopUp } from "./matching";
import { cardExpiry } from "./validity";

export const CREDIT_CHECKOUT_MINUTES = 30;

/** A gift card or a top-up: between 5 and 200 in the currency's major unit (500 and 20 000 yen). */
export function creditAmountLimits(currency: string) {
  const unit = 10 ** currencyDigits(currency);
  const scale = currency === "JPY" ? 100 : 1;
  return { min: 5 * unit * scale, max: 200 * unit * scale };
}

export type CreditPurchaseInput = {
  kind: CreditPurchaseKind;
  email: string;
  currency: string;
  unitAmount: number;
  quantity?: number;
  artistId?: string | null;
  sponsorId?: string | null;
  programId?: string | null;
  gift?: GiftDetails | null;
  locale: Locale;
  /** Where the fan lands after paying (`{PURCHASE}` and `{SESSION}` are filled in) and after giving up. */
  successPath: string;
  cancelPath: string;
};

export type CreditPurchaseResult =
  | { ok: true; purchaseId: string; redirectUrl: string }
  | { ok: false; error: "currency" | "amount" | "provider_failed" };

/**
 * A pending purchase of credit and the provider's payment page for it. The platform collects the
 * money itself; the credit comes into being only when the payment is confirmed
 * (fulfillCreditPurchase), never on the way back from the payment page alone.
 */
export async function startCreditPurchase(db: DbOrTx, input: CreditPurchaseInput): Promise<CreditPurchaseResult> {
  if (!isCurrency(input.currency)) return { ok: false, error: "currency" };
  const quantity = input.quantity ?? 1;
  if (
    !Number.isSafeInteger(input.unitAmount) ||
    input.unitAmount <= 0 ||
    !Number.isSafeInteger(quantity) ||
    quantity < 1
  )
    return { ok: false, error: "amount" };
  const provider = paymentProvider(db);
  const expiresAt = new Date(Date.now() + CREDIT_CHECKOUT_MINUTES * 60_000);
  const [purchase] = await db
    .insert(creditPurchases)
    .values({
      kind: input.kind,
      email: normalizeEmail(input.email),
      currency: input.currency,
      unitAmount: input.unitAmount,
      quantity,
      total: input.unitAmount * quantity,
      artistId: input.artistId ?? null,
      sponsorId: input.sponsorId ?? null,
      programId: input.programId ?? null,
      gift: input.gift ?? null,
      provider: provider.name,
      locale: input.locale,
      expiresAt,
    })
    .returning();
  const base = env().APP_URL;
  const fill = (path: string) => `${base}${path.replace("{PURCHASE}", purchase.id)}`;
  try {
    const session = await provider.createCheckout({
      kind: "credit",
      orderId: purchase.id,
      currency: input.currency,
      lines: [{ name: purchaseLineName(purchase), unitAmount: input.unitAmount, quantity }],
      shippingAmount: 0,
      shippingCountry: null,
      email: purchase.email,
      destinationAccountId: null,
      applicationFee: 0,
      successUrl: fill(input.successPath).replace("{SESSION}", "{CHECKOUT_SESSION_ID}"),
      cancelUrl: fill(input.cancelPath),
      expiresAt,
      locale: input.locale,
    });
    await db
      .update(creditPurchases)
      .set({ providerSessionId: session.sessionId, ...(session.expiresAt ? { expiresAt: session.expiresAt } : {}) })
      .where(eq(creditPurchases.id, purchase.id));
    return { ok: true, purchaseId: purchase.id, redirectUrl: session.url };
  } catch (error) {
    logger.error({ err: error, purchaseId: purchase.id }, "could not open the payment page for credit");
    await db
      .update(creditPurchases)
      .set({ status: "canceled" })
      .where(and(eq(creditPurchases.id, purchase.id), eq(creditPurchases.status, "pending")));
    return { ok: false, error: "provider_failed" };
  }
}

function purchaseLineName(purchase: CreditPurchase) {
  switch (purchase.kind) {
    case "gift_card":
      return "Merchtable gift card";
    case "top_up":
      return "Merchtable credit";
    case "sponsor_cards":
      return "Prepaid music cards";
    case "sponsor_pool":
      return "Matching pool for music credit";
  }
}

export type CreditFulfillResult =
  | { outcome: "fulfilled" | "already_paid"; purchase: CreditPurchase; codes: string[]; pageTokens: string[] }
  | { outcome: "not_payable"; reason: "not_found" | "canceled" };

/** Cards issued by a sponsor's paid batch or a fan's gift, for the caller to deliver or print. */
export type CreditEffects = { codes: string[]; pageTokens: string[] };

/**
 * The one place credit comes into being for a payment: safe to call any number of times and
 * concurrently (webhook, return page, test page), as fulfillOrder is. The conditional UPDATE
 * lets one caller through; that caller issues the cards, the top-up or the pool in the same
 * transaction, so a crash leaves either a pending purchase or a paid one with all its credit.
 */
export async function fulfillCreditPurchase(
  db: DbOrTx,
  purchaseId: string,
  confirmation: PaymentConfirmation,
  now = new Date(),
): Promise<CreditFulfillResult> {
  return db.transaction(async (tx) => {
    const [purchase] = await tx
      .update(creditPurchases)
      .set({ status: "paid", paidAt: now, providerPaymentId: confirmation.paymentId })
      .where(and(eq(creditPurchases.id, purchaseId), eq(creditPurchases.status, "pending")))
      .returning();
    if (!purchase) {
      const [current] = await tx.select().from(creditPurchases).where(eq(creditPurchases.id, purchaseId)).limit(1);
      if (!current) return { outcome: "not_payable", reason: "not_found" } as const;
      if (current.status === "canceled") {
        logger.error(
          { purchaseId, paymentId: confirmation.paymentId },
          "payment confirmed for a canceled credit purchase; review and refund it",
        );
        return { outcome: "not_payable", reason: "canceled" } as const;
      }
      return { outcome: "already_paid", purchase: current, codes: [], pageTokens: [] } as const;
    }
    const effects = await applyPurchase(tx, purchase, now);
    return { outcome: "fulfilled", purchase, ...effects } as const;
  });
}

async function applyPurchase(tx: Tx, purchase: CreditPurchase, now: Date): Promise<CreditEffects> {
  const refs = { purchaseId: purchase.id, programId: purchase.programId };
  switch (purchase.kind) {
    case "gift_card": {
      const { card, code, pageToken } = await issueCard(tx, {
        currency: purchase.currency,
        amount: purchase.unitAmount,
        scope: purchase.artistId ? { type: "artist", artistId: purchase.artistId } : { type: "platform" },
        purchaseId: purchase.id,
        gift: purchase.gift,
        expiresAt: await cardExpiry(tx, now),
      });
      await afterGiftIssued(tx, purchase, [{ card, pageToken }], now);
      return { codes: [code], pageTokens: [pageToken] };
    }
    case "top_up":
      await move(
        tx,
        "issue",
        { kind: "issued", currency: purchase.currency },
        { kind: "fan", email: purchase.email!, currency: purchase.currency, scope: { type: "platform" } },
        purchase.total,
        refs,
      );
      await matchTopUp(tx, purchase);
      return { codes: [], pageTokens: [] };
    case "sponsor_cards": {
      const program = await activateProgram(tx, purchase);
      const codes: string[] = [];
      const pageTokens: string[] = [];
      for (let i = 0; i < purchase.quantity; i++) {
        const issued = await issueCard(tx, {
          currency: purchase.currency,
          amount: purchase.unitAmount,
          scope: { type: "program", programId: program.id },
          purchaseId: purchase.id,
          expiresAt: program.endsAt ?? (await cardExpiry(tx, now)),
        });
        codes.push(issued.code);
        pageTokens.push(issued.pageToken);
      }
      return { codes, pageTokens };
    }
    case "sponsor_pool": {
      const program = await activateProgram(tx, purchase);
      await move(
        tx,
        "fund",
        { kind: "issued", currency: purchase.currency },
        { kind: "pool", programId: program.id, currency: purchase.currency },
        purchase.total,
        refs,
      );
      return { codes: [], pageTokens: [] };
    }
  }
}

async function activateProgram(tx: DbOrTx, purchase: CreditPurchase) {
  if (!purchase.programId) throw new Error(`Credit purchase ${purchase.id} is for a sponsor program but names none.`);
  const [program] = await tx
    .update(sponsorPrograms)
    .set({ status: "active", purchaseId: purchase.id })
    .where(eq(sponsorPrograms.id, purchase.programId))
    .returning();
  if (!program) throw new Error(`Credit purchase ${purchase.id}: program ${purchase.programId} is gone.`);
  return program;
}
