import { db } from "@/db";
import { checkArtistAccess } from "@/lib/artists/access";
import { currentUser } from "@/lib/auth";
import { codesCsv, getCodeBatch, listBatchCodes, redeemUrl } from "@/lib/codes";
import { env } from "@/lib/env";

/** The batch as CSV. Not a member, or another band's batch: the same 404 as a batch that does not exist. */
export async function GET(_request: Request, { params }: RouteContext<"/dashboard/[artist]/codes/[batchId]/csv">) {
  const { artist: slug, batchId } = await params;
  const user = await currentUser();
  const access = user ? await checkArtistAccess(db, user.id, { slug }) : null;
  const batch = access?.allowed ? await getCodeBatch(db, access.artist.id, batchId) : null;
  if (!access?.allowed || !batch) return new Response("Not found", { status: 404 });
  const rows = await listBatchCodes(db, batch.id);
  const csv = codesCsv(rows, (code) => redeemUrl(env().APP_URL, access.artist.slug, code));
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="codes-${access.artist.slug}-${batch.id.slice(0, 8)}.csv"`,
      "cache-control": "private, no-store",
    },
  });
}
