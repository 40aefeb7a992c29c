import { randomBytes } from "node:crypto";
import { eq, like } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { GET as exportRoute } from "@/app/(dashboard)/dashboard/[artist]/orders/export/route";
import { listOrdersForArtist } from "@/db/queries/orders";
import { emailQueue, orderItems, orders } from "@/db/schema";
import { csvCell, toCsv } from "@/lib/csv";
import {
  addToCart,
  findCart,
  fulfillOrder,
  refundOrder,
  setCartCountry,
  startCheckout,
  type AddItem,
} from "@/lib/orders";
import { parseExportRange } from "@/lib/orders/exports";
import { resendReceipt } from "@/lib/orders/resend-receipt";
import { markShipped } from "@/lib/orders/shipping-notice";
import { parseTracking, trackingUrl } from "@/lib/orders/tracking";
import { addMember, makeUser, useTestDb } from "@/tests/support/factories";
import { makeShop } from "@/tests/support/orders";

let viewer: { id: string; email: string; name: string | null } | null = null;
vi.mock("@/lib/auth", () => ({ currentUser: async () => viewer }));
afterEach(() => {
  viewer = null;
});

const db = useTestDb();
type Shop = Awaited<ReturnType<typeof makeShop>>;

/** A fan's order paid through the test provider, as the checkout leaves it. */
async function paidOrder(shop: Shop, items: AddItem[], email = "fan@example.test") {
  const token = randomBytes(16).toString("base64url");
  for (const item of items) expect(await addToCart(db, { token, artist: shop.artist, item })).toEqual({ ok: true });
  await setCartCountry(db, (await findCart(db, token, shop.artist.id))!, "FR");
  const started = await startCheckout(db, { token, artist: shop.artist, email, subscribe: false, locale: "en" });
  if (!started.ok) throw new Error(started.error);
  expect(await fulfillOrder(db, started.orderId, { paymentId: `test_pay_${started.orderId}` })).toMatchObject({
    outcome: "fulfilled",
  });
  return started.orderId;
}

const items = (orderId: string) =>
  db.select().from(orderItems).where(eq(orderItems.orderId, orderId)).orderBy(orderItems.createdAt, orderItems.id);
const shippedMails = (orderId: string) =>
  db
    .select()
    .from(emailQueue)
    .where(like(emailQueue.dedupeKey, `shipped:${orderId}:%`));

function exportCall(slug: string, query: string) {
  return exportRoute(new Request(`http://localhost/dashboard/${slug}/orders/export?${query}`), {
    params: Promise.resolve({ artist: slug }),
  });
}

describe("the band's order list", () => {
  it("filters to ship / shipped / refunded and searches buyer emails in part, ignoring case", async () => {
    const shop = await makeShop(db);
    const download = await paidOrder(shop, [{ kind: "release", id: shop.album.id }], "Alice.Rock@Example.test");
    const toShip = await paidOrder(shop, [{ kind: "product", id: shop.cd.id }], "bob@example.test");
    const shipped = await paidOrder(shop, [{ kind: "product", id: shop.cd.id }], "carol_100%@example.test");
    const refunded = await paidOrder(shop, [{ kind: "release", id: shop.album.id }], "dave@example.test");
    await db.update(orderItems).set({ shippedAt: new Date() }).where(eq(orderItems.orderId, shipped));
    expect(
      await refundOrder(db, { actor: { kind: "member" }, artistId: shop.artist.id, orderId: refunded, amount: 700 }),
    ).toMatchObject({
      ok: true,
    });

    const ids = async (options: Parameters<typeof listOrdersForArtist>[2]) =>
      (await listOrdersForArtist(db, shop.artist.id, options)).orders.map((o) => o.id).sort();
    expect(await ids({ filter: "all" })).toEqual([download, toShip, shipped, refunded].sort());
    expect(await ids({ filter: "to-ship" })).toEqual([toShip]);
    expect(await ids({ filter: "shipped" })).toEqual([shipped]);
    expect(await ids({ filter: "refunded" })).toEqual([refunded]);
    expect(await ids({ search: "ALICE.rock" })).toEqual([download]);
    expect(await ids({ search: "example.test", filter: "to-ship" })).toEqual([toShip]);
    // % and _ are letters, not wildcards.
    expect(await ids({ search: "_100%" })).toEqual([shipped]);
    expect(await ids({ search: "b%b" })).toEqual([]);
  });
});

describe("marking an order shipped", () => {
  it("records carrier and tracking, emails the fan once, and a second click changes nothing", async () => {
    const shop = await makeShop(db);
    const orderId = await paidOrder(shop, [
      { kind: "release", id: shop.album.id },
      { kind: "product", id: shop.cd.id, quantity: 2 },
    ]);
    const first = await markShipped(db, {
      artistId: shop.artist.id,
      orderId,
      carrier: "DHL",
      trackingNumber: "JD0146 0000 1234",
    });
    expect(first).toMatchObject({ ok: true, emailed: true });
    // Items of one order share their creation time: pick them by kind, not by position.
    const byKind = async () => Object.fromEntries((await items(orderId)).map((i) => [i.kind, i]));
    const { release: album, product: cd } = await byKind();
    expect(album.shippedAt).toBeNull();
    expect(cd).toMatchObject({ carrier: "DHL", trackingNumber: "JD0146 0000 1234" });
    expect(cd.shippedAt).toBeInstanceOf(Date);

    const mails = await shippedMails(orderId);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: "fan@example.test", subject: expect.stringContaining("has shipped") });
    expect(mails[0].text).toContain("JD0146 0000 1234");
    expect(mails[0].text).toContain(
      "https://www.dhl.com/global-en/home/tracking/tracking-parcel.html?submit=1&tracking-id=JD014600001234",
    );

    expect(
      await markShipped(db, { artistId: shop.artist.id, orderId, carrier: "UPS", trackingNumber: "1Z999" }),
    ).toEqual({ ok: false, error: "already_shipped" });
    expect(await shippedMails(orderId)).toHaveLength(1);
    expect((await byKind()).product).toMatchObject({ carrier: "DHL", shippedAt: cd.shippedAt });
    expect((await listOrdersForArtist(db, shop.artist.id, { filter: "to-ship" })).orders).toEqual([]);
  });

  it("ships one parcel at a time when the band picks items", async () => {
    const shop = await makeShop(db);
    const orderId = await paidOrder(shop, [
      { kind: "product", id: shop.cd.id },
      { kind: "product", id: shop.shirt.id, optionId: shop.sizes[1].id },
    ]);
    const all = await items(orderId);
    const cd = all.find((i) => i.productId === shop.cd.id)!;
    const shirt = all.find((i) => i.productId === shop.shirt.id)!;
    expect(
      await markShipped(db, {
        artistId: shop.artist.id,
        orderId,
        itemIds: [cd.id],
        carrier: null,
        trackingNumber: null,
      }),
    ).toMatchObject({ ok: true, emailed: true });
    const shipped = Object.fromEntries((await items(orderId)).map((i) => [i.id, i.shippedAt !== null]));
    expect(shipped).toEqual({ [cd.id]: true, [shirt.id]: false });
    expect(
      await markShipped(db, {
        artistId: shop.artist.id,
        orderId,
        itemIds: [shirt.id],
        carrier: "La Poste",
        trackingNumber: "6A123",
      }),
    ).toMatchObject({ ok: true });
    expect(await shippedMails(orderId)).toHaveLength(2);
  });

  it("another band's order or item is not found, and nothing is written or sent", async () => {
    const shop = await makeShop(db);
    const other = await makeShop(db);
    const theirs = await paidOrder(other, [{ kind: "product", id: other.cd.id }]);
    const mine = await paidOrder(shop, [{ kind: "product", id: shop.cd.id }]);
    const [theirItem] = await items(theirs);
    expect(
      await markShipped(db, { artistId: shop.artist.id, orderId: theirs, carrier: "DHL", trackingNumber: "X1" }),
    ).toEqual({ ok: false, error: "not_found" });
    // Their item slipped into my order's form.
    expect(
      await markShipped(db, {
        artistId: shop.artist.id,
        orderId: mine,
        itemIds: [theirItem.id],
        carrier: "DHL",
        trackingNumber: "X1",
      }),
    ).toEqual({ ok: false, error: "not_found" });
    expect((await items(theirs))[0].shippedAt).toBeNull();
    expect((await items(mine))[0].shippedAt).toBeNull();
    expect(await shippedMails(theirs)).toHaveLength(0);
    expect(await shippedMails(mine)).toHaveLength(0);
  });

  it("a fully refunded order has nothing to post", async () => {
    const shop = await makeShop(db);
    const orderId = await paidOrder(shop, [{ kind: "product", id: shop.cd.id }]);
    const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
    expect(
      await refundOrder(db, { actor: { kind: "member" }, artistId: shop.artist.id, orderId, amount: order.total }),
    ).toMatchObject({
      ok: true,
    });
    expect(await markShipped(db, { artistId: shop.artist.id, orderId, carrier: null, trackingNumber: null })).toEqual({
      ok: false,
      error: "not_shippable",
    });
  });

  it("validates carrier and tracking number and knows a few carriers' tracking pages", () => {
    expect(parseTracking("  Colissimo ", " 6A 123 ")).toEqual({
      ok: true,
      carrier: "Colissimo",
      trackingNumber: "6A 123",
    });
    expect(parseTracking("", "")).toEqual({ ok: true, carrier: null, trackingNumber: null });
    expect(parseTracking("x".repeat(61), "")).toMatchObject({ ok: false, error: "carrier_too_long" });
    expect(parseTracking("DHL", "1".repeat(61))).toMatchObject({ ok: false, error: "tracking_too_long" });
    expect(parseTracking("DHL", "<script>")).toMatchObject({ ok: false, error: "tracking_format" });
    expect(trackingUrl("colissimo", "6A 123")).toBe("https://www.laposte.fr/outils/suivre-vos-envois?code=6A123");
    expect(trackingUrl("Bob's van", "123")).toBeNull();
    expect(trackingUrl("UPS", null)).toBeNull();
  });
});

describe("resending a receipt", () => {
  it("queues the receipt again, with the same download link, under a fresh key", async () => {
    const shop = await makeShop(db);
    const other = await makeShop(db);
    const orderId = await paidOrder(shop, [{ kind: "release", id: shop.album.id }]);
    const receipts = () =>
      db
        .select()
        .from(emailQueue)
        .where(like(emailQueue.dedupeKey, `receipt:${orderId}%`));
    expect(await resendReceipt(db, shop.artist.id, orderId)).toEqual({ ok: true, email: "fan@example.test" });
    const [original, again] = (await receipts()).sort((a, b) => a.dedupeKey.length - b.dedupeKey.length);
    expect(again.dedupeKey).toMatch(new RegExp(`^receipt:${orderId}:resend:`));
    const link = (text: string) => /\/download\/[\w-]+/.exec(text)?.[0];
    expect(link(again.text)).toBeTruthy();
    expect(link(again.text)).toBe(link(original.text));
    expect(await resendReceipt(db, other.artist.id, orderId)).toEqual({ ok: false, error: "not_found" });
    expect(await receipts()).toHaveLength(2);
  });
});

describe("CSV exports", () => {
  it("are attachments with a BOM, one row per order or per line, with formulas neutralised", async () => {
    const shop = await makeShop(db);
    await paidOrder(
      shop,
      [
        { kind: "release", id: shop.album.id },
        { kind: "product", id: shop.cd.id, quantity: 2 },
      ],
      '=HYPERLINK("http://evil")@example.test',
    );
    await paidOrder(shop, [{ kind: "release", id: shop.album.id }], "plain@example.test");
    viewer = { id: shop.owner.id, email: shop.owner.email, name: null };

    const response = await exportCall(shop.artist.slug, "kind=orders");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${shop.artist.slug}-orders.csv"`);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8").slice(1);
    const rows = text.trimEnd().split("\r\n");
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^Order,Paid at \(UTC\),Status,Email/);
    // Emails are stored lower-cased; the formula still starts with "=".
    expect(text).toContain(`"'=hyperlink(""http://evil"")@example.test"`);
    expect(text).toContain("2 × Test Album CD");
    // 7 + 2×12, shipping 4 + 1 extra; the album's French VAT (the band is not registered: none on the CDs).
    expect(text).toContain(",EUR,31.00,5.00,0.00,1.17,36.00,0.00,");

    const lines = await (await exportCall(shop.artist.slug, "kind=lines")).text();
    expect(lines.trimEnd().split("\r\n")).toHaveLength(4);
    expect(lines).toContain("product,Test Album CD,,2,EUR,12.00,24.00");
  });

  it("filter by paid date, and refuse a malformed range", async () => {
    const shop = await makeShop(db);
    const old = await paidOrder(shop, [{ kind: "release", id: shop.album.id }], "old@example.test");
    await db
      .update(orders)
      .set({ paidAt: new Date("2026-01-31T23:59:59Z") })
      .where(eq(orders.id, old));
    const recent = await paidOrder(shop, [{ kind: "release", id: shop.album.id }], "new@example.test");
    await db
      .update(orders)
      .set({ paidAt: new Date("2026-02-01T00:00:00Z") })
      .where(eq(orders.id, recent));
    viewer = { id: shop.owner.id, email: shop.owner.email, name: null };
    const january = await (await exportCall(shop.artist.slug, "kind=orders&from=2026-01-01&to=2026-01-31")).text();
    expect(january).toContain("old@example.test");
    expect(january).not.toContain("new@example.test");
    const february = await (await exportCall(shop.artist.slug, "kind=orders&from=2026-02-01&to=")).text();
    expect(february).toContain("new@example.test");
    expect(february).not.toContain("old@example.test");
    expect((await exportCall(shop.artist.slug, "kind=orders&from=2026-02-30")).status).toBe(400);
    expect((await exportCall(shop.artist.slug, "kind=orders&from=2026-03-01&to=2026-02-01")).status).toBe(400);
    expect((await exportCall(shop.artist.slug, "kind=everything")).status).toBe(400);
    expect(parseExportRange("2026-02-28", "2026-02-28")).toEqual({
      ok: true,
      range: { from: new Date("2026-02-28T00:00:00Z"), to: new Date("2026-03-01T00:00:00Z") },
    });
  });

  it("a member of another band, or nobody, gets 404 and no data", async () => {
    const shop = await makeShop(db);
    const other = await makeShop(db);
    await paidOrder(shop, [{ kind: "release", id: shop.album.id }], "secret@example.test");
    for (const who of [other.owner, null]) {
      viewer = who && { id: who.id, email: who.email, name: null };
      const response = await exportCall(shop.artist.slug, "kind=lines");
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain("secret");
    }
    // A plain member (not only the owner) may export.
    const member = await makeUser(db);
    await addMember(db, shop.artist.id, member.id);
    viewer = { id: member.id, email: member.email, name: null };
    expect((await exportCall(shop.artist.slug, "kind=lines")).status).toBe(200);
  });

  it("quotes what needs quoting", () => {
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("+33 6 12")).toBe("'+33 6 12");
    expect(csvCell("-1")).toBe("'-1");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell(-1)).toBe("-1");
    expect(csvCell(null)).toBe("");
    expect(toCsv(["a"], [["é"]])).toBe("\uFEFFa\r\né\r\n");
  });
});
