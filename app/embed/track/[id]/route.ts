import { db } from "@/db";
import { renderWidget } from "@/lib/embed";

/** A framable track widget (see lib/embed). */
export async function GET(request: Request, { params }: RouteContext<"/embed/track/[id]">) {
  return renderWidget(db, request, "track", (await params).id);
}
