import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import {
  artists,
  orders,
  taxDocuments,
  type Artist,
  type SellerVat,
  type TaxDocument,
  type TaxDocumentKind,
} from "@/db/schema";
import { env } from "@/lib/env";
import { defaultVatMention } from "@/lib/vat";
import { issueReceipt } from "./issue";
import { renderDocumentPdf } from "./pdf";

/** An order's receipt then its credit notes, oldest first. */
export async function listOrderDocuments(db: DbOrTx, orderId: string): Promise<TaxDocument[]> {
  const docs = await db
    .select()
    .from(taxDocuments)
    .where(eq(taxDocuments.orderId, orderId))
    .orderBy(asc(taxDocuments.issuedAt), asc(taxDocuments.sequence));
  return [...docs.filter((d) => d.kind === "receipt"), ...docs.filter((d) => d.kind === "credit_note")];
}

/**
 * One of an order's documents, for a caller who has already checked the asker may see the order:
 * "receipt" is its receipt (issued now for an order paid before receipts existed), anything else
 * a document id, found only among this order's.
 */
export async function findOrderDocument(db: DbOrTx, orderId: string, ref: string): Promise<TaxDocument | null> {
  if (ref === "receipt") return db.transaction((tx) => issueReceipt(tx, orderId));
  if (!/^[\w-]{1,64}$/.test(ref)) return null;
  const [doc] = await db
    .select()
    .from(taxDocuments)
    .where(and(eq(taxDocuments.id, ref), eq(taxDocuments.orderId, orderId)))
    .limit(1);
  return doc ?? null;
}

/** The band's status as a receipt prints it, for orders made before it was copied onto them. */
export function sellerVatOf(
  artist: Pick<Artist, "vatStatus" | "vatNumber" | "vatRateBasisPoints" | "vatMention" | "country">,
): SellerVat {
  if (artist.vatStatus === "registered" && artist.vatNumber)
    return { status: "registered", number: artist.vatNumber, rateBasisPoints: artist.vatRateBasisPoints ?? 0 };
  return { status: "not_registered", mention: artist.vatMention ?? defaultVatMention(artist.country) };
}

/** The document as a PDF attachment named by its number. */
export async function documentPdfResponse(db: DbOrTx, doc: TaxDocument): Promise<Response> {
  const [order] = await db.select().from(orders).where(eq(orders.id, doc.orderId)).limit(1);
  const [artist] = await db.select().from(artists).where(eq(artists.id, doc.artistId)).limit(1);
  const receipt =
    doc.kind === "credit_note" && doc.receiptId
      ? (await db.select().from(taxDocuments).where(eq(taxDocuments.id, doc.receiptId)).limit(1))[0]
      : null;
  const settings = env();
  const body = await renderDocumentPdf(doc, {
    receiptNumber: receipt?.number ?? null,
    order: { id: order.id, email: order.email, buyerCountry: order.buyerCountry, locale: order.locale },
    seller: { name: artist.name, country: artist.country, vat: order.sellerVat ?? sellerVatOf(artist) },
    platform: {
      name: settings.PLATFORM_LEGAL_NAME,
      address: settings.PLATFORM_ADDRESS ?? null,
      vatNumber: settings.PLATFORM_VAT_NUMBER ?? null,
    },
  });
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${doc.number}.pdf"`,
      "Cache-Control": "private, no-store",
      "X-Robots-Tag": "noindex",
    },
  });
}

/** A link to one of an order's documents: "receipt" (issued on first request if need be) or a credit note's id. */
export type DocumentLink = { ref: string; kind: TaxDocumentKind; number: string | null };

/** The documents to offer for each paid order: its receipt, always, then its credit notes. */
export async function documentLinksFor(db: DbOrTx, orderIds: string[]): Promise<Map<string, DocumentLink[]>> {
  const links = new Map<string, DocumentLink[]>();
  if (!orderIds.length) return links;
  const paid = await db
    .select({ id: orders.id })
    .from(orders)
    .where(and(inArray(orders.id, orderIds), inArray(orders.status, ["paid", "partially_refunded", "refunded"])));
  const docs = await db
    .select({
      id: taxDocuments.id,
      orderId: taxDocuments.orderId,
      kind: taxDocuments.kind,
      number: taxDocuments.number,
    })
    .from(taxDocuments)
    .where(
      inArray(
        taxDocuments.orderId,
        paid.map((o) => o.id),
      ),
    )
    .orderBy(asc(taxDocuments.sequence));
  for (const { id } of paid) {
    const mine = docs.filter((d) => d.orderId === id);
    links.set(id, [
      { ref: "receipt", kind: "receipt", number: mine.find((d) => d.kind === "receipt")?.number ?? null },
      ...mine.filter((d) => d.kind === "credit_note").map((d) => ({ ref: d.id, kind: d.kind, number: d.number })),
    ]);
  }
  return links;
}
