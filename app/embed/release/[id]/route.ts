import { db } from "@/db";
import { renderWidget } from "@/lib/embed";

/** A framable release widget (see lib/embed). */
export async function GET(request: Request, { params }: RouteContext<"/embed/release/[id]">) {
  return renderWidget(db, request, "release", (await params).id);
}
