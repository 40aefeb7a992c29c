import { db } from "@/db";
import { getOrderForArtist } from "@/db/queries/orders";
import { documentPdfResponse, findOrderDocument } from "@/lib/documents";
import { artistForDownload, notFoundResponse } from "@/lib/orders/export-access";

/** An order's receipt or credit note for the band's members; another band's order is a 404. */
export async function GET(
  _request: Request,
  { params }: RouteContext<"/dashboard/[artist]/orders/[orderId]/documents/[document]">,
) {
  const { artist: slug, orderId, document } = await params;
  const artist = await artistForDownload(db, slug);
  const order = artist ? await getOrderForArtist(db, artist.id, orderId) : null;
  if (!order) return notFoundResponse();
  const doc = await findOrderDocument(db, order.id, document);
  return doc ? documentPdfResponse(db, doc) : notFoundResponse();
}
