import { db } from "@/db";
import { preparationResponse } from "@/lib/downloads/serve";

export const runtime = "nodejs";

/** How many files of a download are ready (GET), after asking for the missing ones (POST). */
export async function GET(request: Request, { params }: RouteContext<"/api/download/[link]/status">) {
  return preparationResponse(db, request, (await params).link);
}

export async function POST(request: Request, context: RouteContext<"/api/download/[link]/status">) {
  return GET(request, context);
}
