import { connection } from "next/server";
import { env } from "@/lib/env";
import { robotsTxt } from "@/lib/seo";

/** A route rather than app/robots.ts, whose output is fixed at build time: the sitemap's URL follows APP_URL. */
export async function GET() {
  await connection();
  return new Response(robotsTxt(env().APP_URL), {
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
