import { db } from "@/db";
import { oembed } from "@/lib/embed";
import { env } from "@/lib/env";

/** oEmbed provider: WordPress, Ghost and others turn a pasted release URL into the player. */
export async function GET(request: Request) {
  const result = await oembed(db, env().APP_URL, new URL(request.url).searchParams);
  const headers = {
    "Access-Control-Allow-Origin": "*",
    "Cache-Control": result.ok ? "public, max-age=3600" : "public, max-age=60",
  };
  if (!result.ok) return Response.json({ error: result.error }, { status: result.status, headers });
  return Response.json(result.body, { headers });
}
