import { db } from "@/db";
import { ossCsv, ossReturn, parseQuarter, quarterLabel } from "@/lib/admin";
import { currentUser } from "@/lib/auth";
import { isOperator } from "@/lib/auth/operators";
import { csvResponse } from "@/lib/csv";
import { notFoundResponse } from "@/lib/orders/export-access";

/**
 * GET ?quarter=2026-Q4: the VAT (OSS) page's figures as a CSV attachment. A route handler cannot
 * use the pages' notFound(): anyone but an operator gets the same plain 404.
 */
export async function GET(request: Request) {
  const user = await currentUser();
  if (!user || !(await isOperator(db, user.id))) return notFoundResponse();
  const quarter = parseQuarter(new URL(request.url).searchParams.get("quarter"));
  if (!quarter) {
    return new Response("Choose a quarter as YYYY-Qn, such as 2026-Q4.", {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  return csvResponse(`vat-oss-${quarterLabel(quarter)}.csv`, ossCsv(await ossReturn(db, quarter), quarter));
}
