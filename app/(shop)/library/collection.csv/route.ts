import { libraryViewer } from "@/app/(shop)/library/library-session";
import { db } from "@/db";
import { collectionCsv } from "@/lib/collection";
import { csvResponse } from "@/lib/csv";

/** The signed-in fan's collection as CSV; anyone else is sent to the library's sign-in. */
export async function GET() {
  const viewer = await libraryViewer();
  if (!viewer)
    return new Response(null, { status: 303, headers: { Location: "/library", "Cache-Control": "private, no-store" } });
  return csvResponse(
    `merchtable-collection-${new Date().toISOString().slice(0, 10)}.csv`,
    await collectionCsv(db, viewer.email),
  );
}
