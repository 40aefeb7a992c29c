import { libraryViewer } from "@/app/(shop)/library/library-session";
import { db } from "@/db";
import { documentPdfResponse, findOrderDocument } from "@/lib/documents";
import { findLibraryGrant } from "@/lib/library";
import { notFoundResponse } from "@/lib/orders/export-access";

/** A purchase's receipt or credit note from the library: only for the address signed in to it. */
export async function GET(_request: Request, { params }: RouteContext<"/library/[grant]/documents/[document]">) {
  const { grant: grantId, document } = await params;
  const viewer = await libraryViewer();
  const grant = viewer ? await findLibraryGrant(db, viewer.email, grantId) : null;
  if (!grant?.orderId) return notFoundResponse();
  const doc = await findOrderDocument(db, grant.orderId, document);
  return doc ? documentPdfResponse(db, doc) : notFoundResponse();
}
