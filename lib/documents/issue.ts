import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import {
  orderItems,
  orders,
  taxDocuments,
  type Order,
  type OrderItem,
  type TaxDocument,
  type TaxDocumentKind,
  type TaxDocumentLine,
} from "@/db/schema";
import { allocate } from "@/lib/vat";
import { documentNumber, nextSequence } from "./numbering";

const ISSUABLE = ["paid", "partially_refunded", "refunded"];

/**
 * The receipt of a paid order, issued once: the order's row is locked first, so a replayed
 * fulfilment or two first requests for an old order's receipt find the one already written.
 * Call it inside the transaction that marks the order paid. Null for an order not paid.
 */
export async function issueReceipt(tx: DbOrTx, orderId: string): Promise<TaxDocument | null> {
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).limit(1).for("update");
  if (!order || !ISSUABLE.includes(order.status)) return null;
  const existing = await receiptOf(tx, orderId);
  if (existing) return existing;
  const items = await tx
    .select()
    .from(orderItems)
    .where(eq(orderItems.orderId, orderId))
    .orderBy(asc(orderItems.createdAt), asc(orderItems.id));
  return insertDocument(tx, "receipt", order, {
    receiptId: null,
    total: order.total,
    shipping: order.shipping,
    vatPlatform: order.vatPlatform,
    vatSeller: order.vatSeller,
    lines: receiptLines(order, items),
  });
}

/**
 * A credit note for `refundedDelta` more of an order being refunded: the amount is spread over
 * what the receipt's lines and shipping still hold (earlier credit notes deducted), each part
 * carrying its share of that line's VAT, so credit notes add up to the receipt at most and a
 * full refund gives back exactly its VAT. Call it in the transaction that records the refund.
 */
export async function issueCreditNote(tx: DbOrTx, orderId: string, refundedDelta: number): Promise<TaxDocument | null> {
  if (!Number.isInteger(refundedDelta) || refundedDelta <= 0) return null;
  const receipt = await issueReceipt(tx, orderId);
  if (!receipt) return null;
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).limit(1);
  const earlier = await tx
    .select()
    .from(taxDocuments)
    .where(and(eq(taxDocuments.orderId, orderId), eq(taxDocuments.kind, "credit_note")));

  // The shipping is one more part, its VAT being whatever the receipt's VAT is beyond its lines'.
  const shippingVat = receipt.vatPlatform + receipt.vatSeller - receipt.lines.reduce((s, l) => s + l.vat, 0);
  const parts = [
    ...receipt.lines.map((l) => ({ gross: l.gross, vat: l.vat })),
    { gross: receipt.shipping, vat: shippingVat },
  ];
  const left = parts.map((part, i) => ({
    gross: part.gross - earlier.reduce((s, c) => s + partOf(c, i, receipt.lines.length).gross, 0),
    vat: part.vat - earlier.reduce((s, c) => s + partOf(c, i, receipt.lines.length).vat, 0),
  }));
  const total = Math.min(
    refundedDelta,
    left.reduce((s, p) => s + p.gross, 0),
  );
  if (total <= 0) return null;
  const shares = allocate(
    total,
    left.map((p) => p.gross),
  );
  const credited = left.map((p, i) => ({
    gross: shares[i],
    vat: shares[i] === p.gross ? p.vat : Math.min(p.vat, Math.round((p.vat * shares[i]) / p.gross)),
  }));
  const lines: TaxDocumentLine[] = receipt.lines.map((line, i) => ({
    ...line,
    gross: credited[i].gross,
    vat: credited[i].vat,
  }));
  const shipping = credited[credited.length - 1];
  const byLiability = (liability: "platform" | "seller") =>
    lines.filter((l) => l.liability === liability).reduce((s, l) => s + l.vat, 0);
  return insertDocument(tx, "credit_note", order, {
    receiptId: receipt.id,
    total,
    shipping: shipping.gross,
    vatPlatform: byLiability("platform"),
    // The shipping's VAT is the band's (it is only ever charged with its registered goods).
    vatSeller: byLiability("seller") + shipping.vat,
    lines,
  });
}

/** What credit note `doc` took from part `i` (a line, or the shipping after the last line). */
function partOf(doc: TaxDocument, i: number, lineCount: number) {
  if (i < lineCount) return { gross: doc.lines[i]?.gross ?? 0, vat: doc.lines[i]?.vat ?? 0 };
  const linesVat = doc.lines.reduce((s, l) => s + l.vat, 0);
  return { gross: doc.shipping, vat: doc.vatPlatform + doc.vatSeller - linesVat };
}

export async function receiptOf(db: DbOrTx, orderId: string): Promise<TaxDocument | null> {
  const [doc] = await db
    .select()
    .from(taxDocuments)
    .where(and(eq(taxDocuments.orderId, orderId), eq(taxDocuments.kind, "receipt")))
    .limit(1);
  return doc ?? null;
}

/**
 * The order's lines as the receipt prints them. Orders made before VAT was recorded (0021) have
 * no line amounts after discount: their lines share what was paid for them in proportion to
 * their list prices, so the receipt adds up to what the fan paid.
 */
function receiptLines(order: Order, items: OrderItem[]): TaxDocumentLine[] {
  const legacy = items.some((i) => i.grossAmount === null);
  const listed = items.map((i) => i.grossAmount ?? i.unitAmount * i.quantity);
  const gross = legacy ? allocate(Math.max(0, order.total - order.shipping), listed) : listed;
  return items.map((item, i) => ({
    title: item.title,
    detail: item.optionLabel,
    quantity: item.quantity,
    gross: gross[i],
    vatRateBasisPoints: item.vatRateBasisPoints,
    vat: item.vatAmount,
    liability: item.vatLiability,
  }));
}

async function insertDocument(
  tx: DbOrTx,
  kind: TaxDocumentKind,
  order: Order,
  figures: Pick<TaxDocument, "receiptId" | "total" | "shipping" | "vatPlatform" | "vatSeller" | "lines">,
): Promise<TaxDocument> {
  const sequence = await nextSequence(tx, order.artistId, kind);
  const [{ now }] = await tx.execute<{ now: string }>(sql`select now() as now`);
  const issuedAt = new Date(now);
  const [doc] = await tx
    .insert(taxDocuments)
    .values({
      kind,
      issuer: order.artistId,
      sequence,
      number: documentNumber(kind, issuedAt, sequence),
      orderId: order.id,
      artistId: order.artistId,
      currency: order.currency,
      vatCountry: order.vatCountry,
      issuedAt,
      ...figures,
    })
    .returning();
  return doc;
}
