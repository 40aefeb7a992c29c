import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { creditPurchases, sponsorMembers, sponsors } from "@/db/schema";
import { fulfillCreditPurchase, startCreditPurchase } from "@/lib/credit";
import { startProgram } from "@/lib/sponsors";
import { makeUser, unique } from "./factories";

/** A sponsor with one member (built directly: the operator's form is tested on its own). */
export async function makeSponsor(db: Db) {
  const [sponsor] = await db
    .insert(sponsors)
    .values({ name: unique("Library"), contactEmail: `${unique("contact")}@example.test` })
    .returning();
  const member = await makeUser(db);
  await db.insert(sponsorMembers).values({ sponsorId: sponsor.id, userId: member.id });
  return { sponsor, member };
}

/** A program set up by the sponsor's member and paid with the test provider. */
export async function paidProgram(db: Db, fields: Record<string, string>) {
  const { sponsor, member } = await makeSponsor(db);
  const started = await startProgram(db, member, sponsor.id, fields, "en");
  if (!started.ok) throw new Error(`program refused: ${JSON.stringify(started)}`);
  const [purchase] = await db.select().from(creditPurchases).where(eq(creditPurchases.programId, started.programId));
  const paid = await fulfillCreditPurchase(db, purchase.id, { paymentId: unique("test_pay") });
  return { sponsor, member, programId: started.programId, purchase, paid };
}

/** A fan's own top-up, paid. */
export async function paidTopUp(db: Db, email: string, amount: number, currency = "EUR") {
  const started = await startCreditPurchase(db, {
    kind: "top_up",
    email,
    currency,
    unitAmount: amount,
    locale: "en",
    successPath: "/library",
    cancelPath: "/library",
  });
  if (!started.ok) throw new Error(`top-up refused: ${started.error}`);
  return fulfillCreditPurchase(db, started.purchaseId, { paymentId: unique("test_pay") });
}
