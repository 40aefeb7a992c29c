import { connection } from "next/server";
import { db } from "@/db";
import { sitemapResponse } from "@/lib/seo";

/** Every published shop and release in every language (an index of files past 50 000 URLs). */
export async function GET() {
  await connection();
  return sitemapResponse(db);
}
