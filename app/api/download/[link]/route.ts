import { db } from "@/db";
import { fileLinkResponse } from "@/lib/downloads/serve";

export const runtime = "nodejs";

/** A purchased track or album zip, behind an hour-long signed link (lib/downloads/links.ts). */
export async function GET(request: Request, { params }: RouteContext<"/api/download/[link]">) {
  return fileLinkResponse(db, request, (await params).link);
}
