import { db } from "@/db";
import { renderWidget } from "@/lib/embed";

/** A framable buy widget (see lib/embed). */
export async function GET(request: Request, { params }: RouteContext<"/embed/buy/[id]">) {
  return renderWidget(db, request, "buy", (await params).id);
}
