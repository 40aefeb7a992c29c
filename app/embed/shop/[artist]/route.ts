import { db } from "@/db";
import { renderWidget } from "@/lib/embed";

/** The band's whole shop as a framable widget: a grid, or an aligned table of items and prices. */
export async function GET(request: Request, { params }: RouteContext<"/embed/shop/[artist]">) {
  return renderWidget(db, request, "shop", (await params).artist);
}
