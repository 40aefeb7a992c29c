import { db } from "@/db";
import { documentPdfResponse, findOrderDocument } from "@/lib/documents";
import { findGrantByToken } from "@/lib/downloads/contents";
import { notFoundResponse } from "@/lib/orders/export-access";

/**
 * The receipt ("receipt") or a credit note (its id) of the order behind a download link. The
 * token is the key, as for the page; a refunded order's link still gives its documents.
 */
export async function GET(_request: Request, { params }: RouteContext<"/download/[token]/documents/[document]">) {
  const { token, document } = await params;
  const lookup = await findGrantByToken(db, token);
  const orderId = lookup.found || lookup.reason === "revoked" ? lookup.grant.orderId : null;
  if (!orderId) return notFoundResponse();
  const doc = await findOrderDocument(db, orderId, document);
  return doc ? documentPdfResponse(db, doc) : notFoundResponse();
}
