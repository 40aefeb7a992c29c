import { notFound } from "next/navigation";
import { db } from "@/db";
import { currentUser } from "@/lib/auth";
import { formatGiftCode, redeemCreditUrl } from "@/lib/credit";
import { programSheet } from "@/lib/sponsors";

/** The program's codes and their redeem links, for a mail merge or a printer of the sponsor's own. */
export async function GET(_request: Request, { params }: RouteContext<"/sponsor/programs/[id]/csv">) {
  const user = await currentUser();
  if (!user) notFound();
  const sheet = await programSheet(db, user.id, (await params).id);
  if (!sheet) notFound();
  const rows = [["code", "url"], ...sheet.codes.map((code) => [formatGiftCode(code), redeemCreditUrl(code)])];
  return new Response(rows.map((r) => r.join(",")).join("\r\n") + "\r\n", {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${sheet.program.kind === "cards" ? "cards" : "eligibility-codes"}-${sheet.program.id}.csv"`,
      "cache-control": "private, no-store",
    },
  });
}
