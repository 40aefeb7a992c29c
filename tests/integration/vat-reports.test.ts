import { randomBytes } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { GET as exportRoute } from "@/app/(dashboard)/dashboard/[artist]/orders/export/route";
import { GET as ossCsvRoute } from "@/app/admin/vat/csv/route";
import VatReportPage from "@/app/admin/vat/page";
import { orderItems, orders, taxDocuments, type TaxDocumentLine } from "@/db/schema";
import { ossCsv, ossReturn, ossTotals, parseQuarter, quarterRange, recentQuarters } from "@/lib/admin";
import { bandVatByQuarter } from "@/lib/stats";
import { makeOperator, useTestDb } from "@/tests/support/factories";
import { makeShop } from "@/tests/support/orders";

const db = useTestDb();

let viewer: { id: string; email: string; name: string | null } | null = null;
vi.mock("@/lib/auth", () => ({ currentUser: async () => viewer }));

type Shop = Awaited<ReturnType<typeof makeShop>>;

/** A paid order with its VAT stamped (as checkout stamps it), directly in the database. */
async function vatOrder(
  shop: Shop,
  o: { paidAt: Date; currency?: string; total: number; vatPlatform: number; vatSeller?: number; country: string },
) {
  const vatSeller = o.vatSeller ?? 0;
  const [order] = await db
    .insert(orders)
    .values({
      artistId: shop.artist.id,
      email: `fan-${randomBytes(3).toString("hex")}@example.test`,
      status: "paid",
      currency: o.currency ?? "EUR",
      subtotal: o.total,
      total: o.total,
      tax: o.vatPlatform + vatSeller,
      vatPlatform: o.vatPlatform,
      vatSeller,
      vatCountry: o.country,
      vatRateBasisPoints: o.country === "DE" ? 1900 : 2000,
      taxSource: "table",
      platformFee: 0,
      provider: "test",
      buyerCountry: o.country,
      paidAt: o.paidAt,
      expiresAt: o.paidAt,
    })
    .returning();
  await db.insert(orderItems).values({
    orderId: order.id,
    kind: "release",
    releaseId: shop.album.id,
    title: shop.album.title,
    unitAmount: o.total,
    currency: o.currency ?? "EUR",
    grossAmount: o.total,
    vatRateBasisPoints: o.country === "DE" ? 1900 : 2000,
    vatAmount: o.vatPlatform,
    vatLiability: "platform",
  });
  return order;
}

let sequence = 0;
/** A receipt or credit note as the documents helper issues them: amounts VAT included, lines copied. */
async function document(
  shop: Shop,
  order: { id: string; currency: string; vatCountry: string | null },
  kind: "receipt" | "credit_note",
  issuedAt: string,
  lines: Omit<TaxDocumentLine, "title" | "detail" | "quantity">[],
) {
  sequence++;
  const total = lines.reduce((sum, l) => sum + l.gross, 0);
  const [row] = await db
    .insert(taxDocuments)
    .values({
      kind,
      issuer: shop.artist.id,
      sequence,
      number: `${kind === "receipt" ? "R" : "C"}-${YEAR}-${String(sequence).padStart(6, "0")}`,
      orderId: order.id,
      artistId: shop.artist.id,
      currency: order.currency,
      total,
      vatPlatform: lines.filter((l) => l.liability === "platform").reduce((sum, l) => sum + l.vat, 0),
      vatSeller: lines.filter((l) => l.liability === "seller").reduce((sum, l) => sum + l.vat, 0),
      vatCountry: order.vatCountry,
      lines: lines.map((l) => ({ ...l, title: "First Light", detail: null, quantity: 1 })),
      issuedAt: new Date(issuedAt),
    })
    .returning();
  return row;
}

const digital = (gross: number, vat: number, rate: number) =>
  ({ gross, vat, vatRateBasisPoints: rate, liability: "platform" }) as const;

/** A year far ahead, new each run (the database outlives a run), so no other documents fall in it. */
const YEAR = 2100 + Math.floor(Math.random() * 800);
const Q = parseQuarter(`${YEAR}-Q2`)!;

async function outcome(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return "returned";
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? "";
    if (digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;404")) return "404";
    throw error;
  }
}

describe("the operator's VAT (OSS) report", () => {
  it("sums the platform's VAT per country, rate and currency from the quarter's receipts, less its credit notes", async () => {
    const shop = await makeShop(db);
    const de1 = await vatOrder(shop, {
      paidAt: new Date(`${YEAR}-04-10T09:00:00Z`),
      total: 1900,
      vatPlatform: 303,
      country: "DE",
    });
    const de2 = await vatOrder(shop, {
      paidAt: new Date(`${YEAR}-06-30T23:59:59Z`),
      total: 700,
      vatPlatform: 112,
      country: "DE",
    });
    const deOld = await vatOrder(shop, {
      paidAt: new Date(`${YEAR}-03-20T12:00:00Z`),
      total: 700,
      vatPlatform: 112,
      country: "DE",
    });
    const fr = await vatOrder(shop, {
      paidAt: new Date(`${YEAR}-05-01T12:00:00Z`),
      total: 1000,
      vatPlatform: 167,
      country: "FR",
    });
    const frUsd = await vatOrder(shop, {
      paidAt: new Date(`${YEAR}-05-02T12:00:00Z`),
      currency: "USD",
      total: 1100,
      vatPlatform: 183,
      country: "FR",
    });
    const late = await vatOrder(shop, {
      paidAt: new Date(`${YEAR}-07-01T00:00:00Z`),
      total: 700,
      vatPlatform: 112,
      country: "DE",
    });

    // A receipt with the album (platform VAT) and a CD of a band not registered for VAT (no VAT).
    await document(shop, de1, "receipt", `${YEAR}-04-10T09:00:00Z`, [
      digital(700, 112, 1900),
      { gross: 1200, vat: 0, vatRateBasisPoints: 0, liability: "none" },
    ]);
    await document(shop, de2, "receipt", `${YEAR}-06-30T23:59:59Z`, [digital(700, 112, 1900)]);
    await document(shop, fr, "receipt", `${YEAR}-05-01T12:00:00Z`, [digital(1000, 167, 2000)]);
    await document(shop, frUsd, "receipt", `${YEAR}-05-02T12:00:00Z`, [digital(1100, 183, 2000)]);
    // Half of the first album refunded in the quarter; a sale of the last quarter refunded in this one.
    await document(shop, de1, "credit_note", `${YEAR}-06-15T10:00:00Z`, [digital(350, 56, 1900)]);
    await document(shop, deOld, "receipt", `${YEAR}-03-20T12:00:00Z`, [digital(700, 112, 1900)]);
    await document(shop, deOld, "credit_note", `${YEAR}-04-02T08:00:00Z`, [digital(700, 112, 1900)]);
    // The next quarter's first second is not this quarter's.
    await document(shop, late, "receipt", `${YEAR}-07-01T00:00:00Z`, [digital(700, 112, 1900)]);

    const rows = await ossReturn(db, Q);
    expect(rows).toEqual([
      // 700 + 700 − 350 − 700 gross, 112 + 112 − 56 − 112 VAT.
      {
        country: "DE",
        rateBasisPoints: 1900,
        currency: "EUR",
        taxable: 350 - 56,
        vat: 56,
        receipts: 2,
        creditNotes: 2,
      },
      { country: "FR", rateBasisPoints: 2000, currency: "EUR", taxable: 833, vat: 167, receipts: 1, creditNotes: 0 },
      { country: "FR", rateBasisPoints: 2000, currency: "USD", taxable: 917, vat: 183, receipts: 1, creditNotes: 0 },
    ]);

    // The sums equal the documents' own: every platform line of the quarter, credit notes negative.
    const { from, to } = quarterRange(Q);
    const docs = (await db.select().from(taxDocuments)).filter((d) => d.issuedAt >= from && d.issuedAt < to);
    for (const currency of ["EUR", "USD"]) {
      const expected = { taxable: 0, vat: 0 };
      for (const d of docs.filter((d) => d.currency === currency)) {
        const sign = d.kind === "receipt" ? 1 : -1;
        for (const l of d.lines.filter((l) => l.liability === "platform")) {
          expected.vat += sign * l.vat;
          expected.taxable += sign * (l.gross - l.vat);
        }
      }
      expect(ossTotals(rows).find((t) => t.currency === currency)).toEqual({ currency, ...expected });
    }

    expect(await ossReturn(db, parseQuarter(`${YEAR}-Q3`)!)).toEqual([
      { country: "DE", rateBasisPoints: 1900, currency: "EUR", taxable: 588, vat: 112, receipts: 1, creditNotes: 0 },
    ]);

    // The CSV holds the same figures, for the operator only; a malformed quarter is refused in words.
    const csv = ossCsv(rows, Q);
    expect(csv.slice(1).trimEnd().split("\r\n")).toEqual([
      "Quarter,Country,VAT rate (%),Currency,Taxable amount,VAT,Receipts,Credit notes",
      `${YEAR}-Q2,DE,19.00,EUR,2.94,0.56,2,2`,
      `${YEAR}-Q2,FR,20.00,EUR,8.33,1.67,1,0`,
      `${YEAR}-Q2,FR,20.00,USD,9.17,1.83,1,0`,
    ]);
    const ask = (query: string) => ossCsvRoute(new Request(`http://localhost/admin/vat/csv?${query}`));
    viewer = { id: shop.owner.id, email: shop.owner.email, name: null };
    expect((await ask(`quarter=${YEAR}-Q2`)).status).toBe(404);
    viewer = null;
    expect((await ask(`quarter=${YEAR}-Q2`)).status).toBe(404);
    viewer = await makeOperator(db);
    const response = await ask(`quarter=${YEAR}-Q2`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="vat-oss-${YEAR}-Q2.csv"`);
    expect(await response.text()).toBe(csv.slice(1)); // text() drops the BOM.
    const bad = await ask(`quarter=${YEAR}-Q5`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("2026-Q4");
  });

  it("the console page answers 404 to a band owner and to a signed-out visitor", async () => {
    const shop = await makeShop(db);
    for (const who of [{ id: shop.owner.id, email: shop.owner.email, name: null }, null]) {
      viewer = who;
      expect(await outcome(() => VatReportPage({ searchParams: Promise.resolve({}) } as never))).toBe("404");
    }
  });

  it("quarters: parsed strictly, ranges in UTC, the picker's newest first", () => {
    expect(parseQuarter("2026-Q4")).toEqual({ year: 2026, quarter: 4 });
    for (const bad of ["2026-Q0", "2026-Q5", "2026Q4", "26-Q1", "", null, "2026-Q4; drop"])
      expect(parseQuarter(bad)).toBeNull();
    expect(quarterRange({ year: 2026, quarter: 4 })).toEqual({
      from: new Date("2026-10-01T00:00:00Z"),
      to: new Date("2027-01-01T00:00:00Z"),
    });
    expect(recentQuarters(new Date("2027-02-01T00:00:00Z"), 3)).toEqual([
      { year: 2027, quarter: 1 },
      { year: 2026, quarter: 4 },
      { year: 2026, quarter: 3 },
    ]);
  });
});

describe("a band's sales with and without VAT", () => {
  it("per quarter and currency, from the VAT stamped on its orders; the CSV export carries the VAT columns", async () => {
    const shop = await makeShop(db);
    const now = new Date();
    await vatOrder(shop, { paidAt: now, total: 1900, vatPlatform: 112, vatSeller: 192, country: "DE" });
    await vatOrder(shop, { paidAt: now, total: 1000, vatPlatform: 167, country: "FR" });
    await vatOrder(shop, { paidAt: now, currency: "USD", total: 1000, vatPlatform: 0, country: "US" });
    const other = await makeShop(db);
    await vatOrder(other, { paidAt: now, total: 5000, vatPlatform: 800, country: "DE" });

    const quarter = `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
    expect(await bandVatByQuarter(db, shop.artist.id)).toEqual([
      { quarter, currency: "EUR", orders: 2, gross: 2900, vatPlatform: 279, vatSeller: 192, net: 2900 - 279 - 192 },
      { quarter, currency: "USD", orders: 1, gross: 1000, vatPlatform: 0, vatSeller: 0, net: 1000 },
    ]);

    viewer = { id: shop.owner.id, email: shop.owner.email, name: null };
    const ordersCsv = await (
      await exportRoute(new Request(`http://localhost/dashboard/${shop.artist.slug}/orders/export?kind=orders`), {
        params: Promise.resolve({ artist: shop.artist.slug }),
      })
    ).text();
    const [header, ...rows] = ordersCsv.slice(1).trimEnd().split("\r\n");
    // The VAT columns, then what a fan's balance paid (columns are appended, never moved).
    expect(header).toMatch(/,VAT paid by Merchtable,VAT you owe,Total excl\. VAT,VAT country,Paid by credit$/);
    expect(rows.some((r) => r.endsWith(",1.12,1.92,15.96,DE,0.00"))).toBe(true);
    expect(rows.some((r) => r.endsWith(",1.67,0.00,8.33,FR,0.00"))).toBe(true);
    const linesCsv = await (
      await exportRoute(new Request(`http://localhost/dashboard/${shop.artist.slug}/orders/export?kind=lines`), {
        params: Promise.resolve({ artist: shop.artist.slug }),
      })
    ).text();
    expect(linesCsv).toContain(",Paid incl. VAT,VAT rate (%),VAT,VAT due by\r\n");
    expect(linesCsv).toContain(",10.00,20.00,1.67,platform\r\n");
  });
});
