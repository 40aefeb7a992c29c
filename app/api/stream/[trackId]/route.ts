import { db } from "@/db";
import { currentUser } from "@/lib/auth";
import { resolveStream, streamResponse } from "@/lib/stream/stream";

/**
 * The player's audio: HTTP ranges over the streaming rendition (lib/stream/stream.ts). Published
 * tracks are public and read no cookie; drafts answer only to the band's members.
 */
export async function GET(request: Request, { params }: RouteContext<"/api/stream/[trackId]">) {
  const { trackId } = await params;
  return streamResponse(request, await resolveStream(db, trackId, currentUser));
}

export async function HEAD(request: Request, context: RouteContext<"/api/stream/[trackId]">) {
  return GET(request, context);
}
