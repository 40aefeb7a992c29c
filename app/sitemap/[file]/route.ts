import { connection } from "next/server";
import { db } from "@/db";
import { sitemapFileResponse } from "@/lib/seo";

/** One file of a sitemap split past 50 000 URLs: /sitemap/1.xml, /sitemap/2.xml… */
export async function GET(_request: Request, { params }: RouteContext<"/sitemap/[file]">) {
  await connection();
  return sitemapFileResponse(db, (await params).file);
}
