import { execFileSync } from "node:child_process";
import { asc, eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { GET as bandDocument } from "@/app/(dashboard)/dashboard/[artist]/orders/[orderId]/documents/[document]/route";
import { GET as downloadDocument } from "@/app/(shop)/download/[token]/documents/[document]/route";
import { GET as libraryDocument } from "@/app/(shop)/library/[grant]/documents/[document]/route";
import {
  artistMembers,
  artists,
  auditLog,
  downloadGrants,
  orderItems,
  orders,
  taxDocuments,
  type SellerVat,
} from "@/db/schema";
import { saveVatSettings } from "@/lib/artists";
import { unseal } from "@/lib/crypto";
import { documentPdfResponse, findOrderDocument, listOrderDocuments, renderDocumentPdf } from "@/lib/documents";
import { DOWNLOAD_TOKEN_PURPOSE, fulfillOrder, recordRefundTotal } from "@/lib/orders";
import { orderVat } from "@/lib/vat";
import { makeUser, useTestDb } from "@/tests/support/factories";
import { makePendingStripeOrder } from "@/tests/support/order-factories";

const db = useTestDb();

// Who asks: a signed-in account (the band's routes) and the library's signed-in address.
let viewer: { id: string; email: string; name: string | null } | null = null;
let libraryEmail: string | null = null;
vi.mock("@/lib/auth", () => ({ currentUser: async () => viewer }));
vi.mock("@/app/(shop)/library/library-session", () => ({
  libraryViewer: async () => (libraryEmail ? { email: libraryEmail, via: "link" } : null),
}));
afterEach(() => {
  viewer = null;
  libraryEmail = null;
});

/**
 * A pending order (the album and `cds` CDs, shipped) with the VAT columns filled as checkout
 * fills them since 0021: the album's VAT is the platform's at the buyer's rate, the CDs' and the
 * shipping's the band's when it is registered.
 */
async function pendingOrderWithVat(options: { cds?: number; buyer?: string; seller?: SellerVat } = {}) {
  const made = await makePendingStripeOrder(db, { cds: options.cds ?? 1 });
  const seller: SellerVat = options.seller ?? { status: "registered", number: "FR12345678901", rateBasisPoints: 2000 };
  const buyer = options.buyer ?? "DE";
  const items = await db
    .select()
    .from(orderItems)
    .where(eq(orderItems.orderId, made.order.id))
    .orderBy(asc(orderItems.createdAt), asc(orderItems.id));
  const vat = orderVat({
    lines: items.map((i) => ({ gross: i.unitAmount * i.quantity, physical: i.kind === "product" })),
    shipping: made.order.shipping,
    buyerCountry: buyer,
    seller,
  });
  for (const [k, item] of items.entries())
    await db
      .update(orderItems)
      .set({
        grossAmount: vat.lines[k].gross,
        vatRateBasisPoints: vat.lines[k].rateBasisPoints,
        vatAmount: vat.lines[k].vat,
        vatLiability: vat.lines[k].liability,
      })
      .where(eq(orderItems.id, item.id));
  const [order] = await db
    .update(orders)
    .set({
      buyerCountry: buyer,
      vatCountry: vat.country,
      vatRateBasisPoints: vat.rateBasisPoints,
      vatPlatform: vat.platform,
      vatSeller: vat.seller,
      tax: vat.total,
      taxSource: "table",
      sellerVat: seller,
    })
    .where(eq(orders.id, made.order.id))
    .returning();
  return { ...made, order, vat };
}

const lineIndex = (lines: { title: string }[], title: string) => lines.findIndex((l) => l.title === title);

const pay = (orderId: string) => fulfillOrder(db, orderId, { paymentId: `pi_${orderId}` });

async function documentsOf(orderId: string) {
  return db.select().from(taxDocuments).where(eq(taxDocuments.orderId, orderId)).orderBy(asc(taxDocuments.sequence));
}

describe("receipts", () => {
  it("a paid order gets one receipt, however often its payment is confirmed", async () => {
    const { order } = await pendingOrderWithVat();
    expect(await pay(order.id)).toMatchObject({ outcome: "fulfilled" });
    expect(await pay(order.id)).toMatchObject({ outcome: "already_paid" });
    await Promise.all([pay(order.id), pay(order.id)]);
    const docs = await documentsOf(order.id);
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ kind: "receipt", sequence: 1, issuer: order.artistId, total: order.total });
    expect(docs[0].number).toMatch(new RegExp(`^R-${new Date().getUTCFullYear()}-000001$`));
  });

  it("copies the order's lines with their VAT, the shipping and the VAT totals", async () => {
    const { order, vat, album, cd } = await pendingOrderWithVat({ cds: 2 });
    await pay(order.id);
    const [receipt] = await documentsOf(order.id);
    expect(receipt).toMatchObject({
      currency: "EUR",
      shipping: order.shipping,
      vatPlatform: vat.platform,
      vatSeller: vat.seller,
      vatCountry: "DE",
      total: order.total,
    });
    const albumVat = vat.lines[lineIndex(receipt.lines, album.title)].vat;
    const cdVat = vat.lines[lineIndex(receipt.lines, cd.title)].vat;
    expect([...receipt.lines].sort((a, b) => a.title.localeCompare(b.title))).toEqual([
      { title: album.title, detail: null, quantity: 1, gross: 700, vatRateBasisPoints: 1900, vat: albumVat, liability: "platform" },
      { title: cd.title, detail: null, quantity: 2, gross: 2400, vatRateBasisPoints: 2000, vat: cdVat, liability: "seller" },
    ]); // prettier-ignore
    // 7 € at 19 % holds 1.12 €; 24 € + 4 € shipping at 20 % hold 4.67 €.
    expect([vat.platform, vat.seller]).toEqual([112, 467]);
  });

  it("an order paid before VAT was recorded gets a receipt on first request, its lines adding up to what was paid", async () => {
    const { order } = await pendingOrderWithVat();
    // As 0021 left such orders: gross = unit × quantity, no VAT anywhere.
    await db
      .update(orderItems)
      .set({ grossAmount: null, vatAmount: 0, vatRateBasisPoints: 0, vatLiability: "none" })
      .where(eq(orderItems.orderId, order.id));
    await db
      .update(orders)
      .set({
        status: "paid",
        paidAt: new Date(),
        vatPlatform: 0,
        vatSeller: 0,
        tax: 0,
        vatCountry: null,
        sellerVat: null,
      })
      .where(eq(orders.id, order.id));
    expect(await documentsOf(order.id)).toHaveLength(0);
    const [first, again] = await Promise.all([
      findOrderDocument(db, order.id, "receipt"),
      findOrderDocument(db, order.id, "receipt"),
    ]);
    expect(first!.id).toBe(again!.id);
    expect(first!.lines.reduce((s, l) => s + l.gross, 0) + first!.shipping).toBe(order.total);
    expect(first!.lines.every((l) => l.vat === 0 && l.liability === "none")).toBe(true);
    expect(await documentsOf(order.id)).toHaveLength(1);
  });

  it("a document never changes once issued", async () => {
    const { order } = await pendingOrderWithVat();
    await pay(order.id);
    await expect(db.update(taxDocuments).set({ total: 1 }).where(eq(taxDocuments.orderId, order.id))).rejects.toThrow();
  });
});

describe("credit notes", () => {
  it("a partial then a full refund give two credit notes that add up to the refunds, VAT given back in proportion", async () => {
    const { order, vat } = await pendingOrderWithVat({ cds: 1 });
    await pay(order.id);
    const first = 1000;
    await recordRefundTotal(db, order.id, first);
    await recordRefundTotal(db, order.id, first); // a replayed event changes nothing
    await recordRefundTotal(db, order.id, order.total);
    const docs = await documentsOf(order.id);
    const receipt = docs.find((d) => d.kind === "receipt")!;
    const notes = docs.filter((d) => d.kind === "credit_note");
    expect(notes.map((n) => [n.number.slice(0, 2), n.sequence, n.total, n.receiptId])).toEqual([
      ["C-", 1, first, receipt.id],
      ["C-", 2, order.total - first, receipt.id],
    ]);
    for (const note of notes) {
      const lines = note.lines.reduce((s, l) => s + l.gross, 0);
      expect(lines + note.shipping).toBe(note.total);
      expect(note.vatPlatform).toBe(
        note.lines.filter((l) => l.liability === "platform").reduce((s, l) => s + l.vat, 0),
      );
    }
    // The first refund is 1000 / 2300 of the order: its VAT is that share of each part's VAT.
    const a = lineIndex(receipt.lines, "Test Album");
    expect(notes[0].lines[a].gross).toBe(Math.round((700 * first) / order.total));
    expect(notes[0].lines[a].vat).toBe(Math.round((vat.lines[a].vat * notes[0].lines[a].gross) / 700));
    expect(notes[0].vatPlatform + notes[0].vatSeller).toBeLessThan(vat.total);
    // All refunded: every line and its VAT given back exactly, never more than the receipt.
    expect(notes[0].vatPlatform + notes[1].vatPlatform).toBe(receipt.vatPlatform);
    expect(notes[0].vatSeller + notes[1].vatSeller).toBe(receipt.vatSeller);
    receipt.lines.forEach((line, i) => {
      expect(notes[0].lines[i].gross + notes[1].lines[i].gross).toBe(line.gross);
      expect(notes[0].lines[i].vat + notes[1].lines[i].vat).toBe(line.vat);
    });
  });

  it("a refund that rolls back leaves no credit note and no number used", async () => {
    const { order } = await pendingOrderWithVat();
    await pay(order.id);
    await expect(
      db.transaction(async (tx) => {
        await recordRefundTotal(tx, order.id, 500);
        throw new Error("the provider's answer was lost");
      }),
    ).rejects.toThrow();
    await recordRefundTotal(db, order.id, 300);
    const notes = (await documentsOf(order.id)).filter((d) => d.kind === "credit_note");
    expect(notes.map((n) => [n.sequence, n.total])).toEqual([[1, 300]]);
  });
});

describe("numbering", () => {
  async function bandOrders(count: number) {
    const first = await pendingOrderWithVat({ cds: 0 });
    const ids = [first.order.id];
    for (let i = 1; i < count; i++) {
      const more = await pendingOrderWithVat({ cds: 0 });
      // The same band sells them all.
      await db.update(orders).set({ artistId: first.artist.id }).where(eq(orders.id, more.order.id));
      ids.push(more.order.id);
    }
    return { artistId: first.artist.id, ids };
  }

  it("50 payments at once give 50 receipts numbered 1 to 50 with no gap or repeat, a series per band", async () => {
    const one = await bandOrders(50);
    const two = await bandOrders(3);
    await Promise.all([...one.ids, ...two.ids].map((id) => pay(id)));
    const numbers = async (artistId: string) =>
      (
        await db
          .select({ sequence: taxDocuments.sequence, number: taxDocuments.number })
          .from(taxDocuments)
          .where(eq(taxDocuments.issuer, artistId))
          .orderBy(asc(taxDocuments.sequence))
      ).map((r) => r.sequence);
    expect(await numbers(one.artistId)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(await numbers(two.artistId)).toEqual([1, 2, 3]);
    const [counter] = await db.execute<{ last: number }>(
      sql`select last from document_counters where issuer = ${one.artistId} and kind = 'receipt'`,
    );
    expect(Number(counter.last)).toBe(50);
  });
});

describe("the PDF", () => {
  it("starts with %PDF, names the number, and prints a Japanese band name and the VAT of each rate", async () => {
    const { order, artist } = await pendingOrderWithVat({ cds: 1 });
    await db.update(artists).set({ name: "東京バンド Зеркало" }).where(eq(artists.id, artist.id));
    await pay(order.id);
    const [receipt] = await documentsOf(order.id);
    const response = await documentPdfResponse(db, receipt);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${receipt.number}.pdf"`);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(bytes.toString("latin1")).toContain(receipt.number);
    const text = pdfText(bytes);
    expect(text).toContain(receipt.number);
    expect(text).toContain("東京バンド Зеркало");
    expect(text).toMatch(/of which VAT at 19\s?%/);
    expect(text).toMatch(/of which VAT at 20\s?%/);
    expect(text).toContain("art. 14a");
  });

  it("a French order's credit note is in French and names its receipt", async () => {
    const { order } = await pendingOrderWithVat({
      cds: 1,
      seller: { status: "not_registered", mention: "TVA non applicable, art. 293 B du CGI" },
    });
    await db.update(orders).set({ locale: "fr" }).where(eq(orders.id, order.id));
    await pay(order.id);
    await recordRefundTotal(db, order.id, 500);
    const [receipt, note] = await listOrderDocuments(db, order.id);
    const bytes = await renderDocumentPdf(
      note,
      {
        receiptNumber: receipt.number,
        order: { id: order.id, email: order.email, buyerCountry: "DE", locale: "fr" },
        seller: {
          name: "Les Gens",
          country: "FR",
          vat: { status: "not_registered", mention: "TVA non applicable, art. 293 B du CGI" },
        },
        platform: { name: "Merchtable SAS", address: "1 rue de la Paix, 75002 Paris", vatNumber: "FR00123456789" },
      },
      { compress: false },
    );
    expect(bytes.subarray(0, 4).toString("latin1")).toBe("%PDF");
    const text = pdfText(bytes);
    expect(text).toContain("Avoir");
    expect(text).toContain(note.number);
    expect(text).toContain(`Remboursement sur le reçu ${receipt.number}`);
    expect(text).toContain("TVA non applicable, art. 293 B du CGI");
    expect(text).toContain("Merchtable SAS");
  });

  it("German and Spanish orders get their receipt in their language", async () => {
    for (const [locale, words] of [
      ["de", ["Quittung", "Gesamt inkl. MwSt.", "VERKÄUFER", "Artikel"]],
      ["es", ["Recibo", "Total IVA incl.", "VENDEDOR", "Artículo"]],
    ] as const) {
      const { order } = await pendingOrderWithVat({ cds: 1 });
      await db.update(orders).set({ locale }).where(eq(orders.id, order.id));
      await pay(order.id);
      const [receipt] = await listOrderDocuments(db, order.id);
      const bytes = await renderDocumentPdf(
        receipt,
        {
          receiptNumber: null,
          order: { id: order.id, email: order.email, buyerCountry: "DE", locale },
          seller: { name: "Die Ärzte", country: "DE", vat: { status: "not_registered", mention: "" } },
          platform: { name: "Merchtable SAS", address: "1 rue de la Paix, 75002 Paris", vatNumber: "FR00123456789" },
        },
        { compress: false },
      );
      const text = pdfText(bytes);
      for (const word of words) expect(text, locale).toContain(word);
      expect(text).not.toContain("Receipt");
    }
  });
});

describe("who may fetch a document", () => {
  const ctx = <T extends Record<string, string>>(params: T) => ({ params: Promise.resolve(params) });
  const request = new Request("http://localhost/doc");

  async function paidWithGrant() {
    const made = await pendingOrderWithVat({ cds: 1 });
    await pay(made.order.id);
    const [order] = await db.select().from(orders).where(eq(orders.id, made.order.id));
    const token = unseal(DOWNLOAD_TOKEN_PURPOSE, order.downloadTokenSealed!)!;
    const [grant] = await db.select().from(downloadGrants).where(eq(downloadGrants.orderId, order.id));
    const [receipt] = await documentsOf(order.id);
    return { ...made, order, token, grant, receipt };
  }

  it("the download link's token opens its order's receipt and credit notes, nothing else", async () => {
    const mine = await paidWithGrant();
    const theirs = await paidWithGrant();
    await recordRefundTotal(db, theirs.order.id, 200);
    const [, theirNote] = await listOrderDocuments(db, theirs.order.id);

    const ok = await downloadDocument(request, ctx({ token: mine.token, document: "receipt" }));
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("application/pdf");
    expect(ok.headers.get("content-disposition")).toContain(`${mine.receipt.number}.pdf`);
    const byId = await downloadDocument(request, ctx({ token: mine.token, document: mine.receipt.id }));
    expect(byId.status).toBe(200);

    const forged = mine.token.slice(0, -2) + (mine.token.endsWith("AA") ? "BB" : "AA");
    for (const [token, document] of [
      [forged, "receipt"],
      ["not-a-token", "receipt"],
      [mine.token, theirs.receipt.id], // another order's document under my key
      [mine.token, theirNote.id],
      [mine.token, "00000000-0000-0000-0000-000000000000"],
    ])
      expect((await downloadDocument(request, ctx({ token, document }))).status, `${token} ${document}`).toBe(404);
  });

  it("the library gives documents only for the signed-in address's purchases", async () => {
    const mine = await paidWithGrant();
    const theirs = await paidWithGrant();
    const params = (grant: string, document: string) => ctx({ grant, document });
    expect((await libraryDocument(request, params(mine.grant.id, "receipt"))).status).toBe(404); // not signed in
    libraryEmail = mine.grant.email;
    const ok = await libraryDocument(request, params(mine.grant.id, "receipt"));
    expect(ok.status).toBe(200);
    expect(
      Buffer.from(await ok.arrayBuffer())
        .subarray(0, 4)
        .toString("latin1"),
    ).toBe("%PDF");
    expect((await libraryDocument(request, params(theirs.grant.id, "receipt"))).status).toBe(404);
    expect((await libraryDocument(request, params(mine.grant.id, theirs.receipt.id))).status).toBe(404);
  });

  it("a band's members get its orders' documents; strangers and other bands get a 404", async () => {
    const mine = await paidWithGrant();
    const theirs = await paidWithGrant();
    const [member] = await db
      .select({ userId: artistMembers.userId })
      .from(artistMembers)
      .where(eq(artistMembers.artistId, mine.artist.id));
    const params = (artist: string, orderId: string, document: string) => ctx({ artist, orderId, document });
    expect((await bandDocument(request, params(mine.artist.slug, mine.order.id, "receipt"))).status).toBe(404);
    viewer = { id: (await makeUser(db)).id, email: "stranger@example.test", name: null };
    expect((await bandDocument(request, params(mine.artist.slug, mine.order.id, "receipt"))).status).toBe(404);
    viewer = { id: member.userId, email: "member@example.test", name: null };
    const ok = await bandDocument(request, params(mine.artist.slug, mine.order.id, "receipt"));
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-disposition")).toContain(mine.receipt.number);
    // Another band's order, under my band's address or its own.
    expect((await bandDocument(request, params(mine.artist.slug, theirs.order.id, "receipt"))).status).toBe(404);
    expect((await bandDocument(request, params(theirs.artist.slug, theirs.order.id, "receipt"))).status).toBe(404);
    expect((await bandDocument(request, params(mine.artist.slug, mine.order.id, theirs.receipt.id))).status).toBe(404);
  });
});

describe("the band's VAT status", () => {
  async function bandMember() {
    const { artist } = await makePendingStripeOrder(db, { cds: 0 });
    const [member] = await db
      .select({ userId: artistMembers.userId })
      .from(artistMembers)
      .where(eq(artistMembers.artistId, artist.id));
    return { artist, userId: member.userId };
  }
  const stored = async (id: string) => (await db.select().from(artists).where(eq(artists.id, id)))[0];

  it("a registered band's number and rate are saved tidied, in basis points, with an audit entry", async () => {
    const { artist, userId } = await bandMember();
    const saved = await saveVatSettings(db, userId, artist.id, {
      status: "registered",
      number: "fr 12 345 678 901",
      rate: "5,5",
      mention: "",
    });
    expect(saved).toMatchObject({ ok: true });
    expect(await stored(artist.id)).toMatchObject({
      vatStatus: "registered",
      vatNumber: "FR12345678901",
      vatRateBasisPoints: 550,
    });
    const audit = await db.select().from(auditLog).where(eq(auditLog.artistId, artist.id));
    expect(audit.map((a) => a.action)).toEqual(["settings.vat"]);
  });

  it("a malformed number or rate is refused with its reason, and nothing is saved or audited", async () => {
    const { artist, userId } = await bandMember();
    const before = await stored(artist.id);
    expect(
      await saveVatSettings(db, userId, artist.id, {
        status: "registered",
        number: "GR123456789",
        rate: "30",
        mention: "",
      }),
    ).toEqual({ ok: false, error: "invalid", fieldErrors: { number: "numberGreece", rate: "rate" }, prefix: "GR" });
    expect(
      await saveVatSettings(db, userId, artist.id, {
        status: "registered",
        number: "DE12345",
        rate: "19",
        mention: "",
      }),
    ).toMatchObject({ ok: false, fieldErrors: { number: "numberFormat" }, prefix: "DE" });
    expect(
      await saveVatSettings(db, userId, artist.id, { status: "not_registered", number: "", rate: "", mention: "  " }),
    ).toMatchObject({ ok: false, fieldErrors: { mention: "mention" } });
    expect(await stored(artist.id)).toEqual(before);
    expect(await db.select().from(auditLog).where(eq(auditLog.artistId, artist.id))).toHaveLength(0);
  });

  it("someone outside the band cannot change it", async () => {
    const { artist } = await bandMember();
    const stranger = await makeUser(db);
    expect(
      await saveVatSettings(db, stranger.id, artist.id, {
        status: "registered",
        number: "DE123456789",
        rate: "19",
        mention: "",
      }),
    ).toEqual({ ok: false, error: "not_found" });
    expect((await stored(artist.id)).vatStatus).toBe("not_registered");
  });
});

/** The PDF's text as poppler's pdftotext reads it (npm test installs poppler-utils with apt when missing). */
function pdfText(bytes: Buffer): string {
  return execFileSync("pdftotext", ["-", "-"], { input: bytes }).toString("utf8");
}
