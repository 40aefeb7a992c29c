import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { artists, orders, taxDocuments, type Artist, type SellerVat, type TaxDocument } from "@/db/schema";
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
