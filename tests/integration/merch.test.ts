import { eq } from "drizzle-orm";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { productOptions, products, releases, shippingRates } from "@/db/schema";
import {
  createProduct,
  deleteProduct,
  getShippingSettings,
  listProductsForArtist,
  productOfArtist,
  saveShippingSettings,
  updateProduct,
} from "@/lib/merch";
import { statFile } from "@/lib/storage";
import { addMember, makeArtist, makeUser, unique, useTestDb } from "@/tests/support/factories";

const db = useTestDb();

const png = (size = 64) =>
  sharp({ create: { width: size, height: size, channels: 3, background: "#336699" } })
    .png()
    .toBuffer();

async function band() {
  const owner = await makeUser(db);
  const artist = await makeArtist(db, owner.id);
  const [release] = await db
    .insert(releases)
    .values({ artistId: artist.id, slug: unique("r"), title: "Debut", currency: "EUR" })
    .returning();
  return { owner, artist, release };
}

const cd = (overrides: Record<string, unknown> = {}) => ({
  kind: "cd",
  title: "Debut CD",
  description: "Jewel case",
  price: "12,50",
  currency: "EUR",
  stock: "5",
  published: true,
  ...overrides,
});

async function productCount(artistId: string) {
  return (await db.select().from(products).where(eq(products.artistId, artistId))).length;
}

describe("a band puts an item on the merch table", () => {
  it("creates a CD with stock, a download, photos re-encoded as WebP; edits and deletes it", async () => {
    const { owner, artist, release } = await band();
    const created = await createProduct(db, owner.id, artist.id, cd({ releaseId: release.id }), {
      add: [{ name: "front.png", bytes: await png() }],
    });
    if (!created.ok) throw new Error(JSON.stringify(created));
    expect(created.product).toMatchObject({
      kind: "cd",
      title: "Debut CD",
      priceAmount: 1250,
      currency: "EUR",
      stock: 5,
      releaseId: release.id,
      published: true,
    });
    expect(created.product.photoKeys).toHaveLength(1);
    const stored = await statFile(`${created.product.photoKeys[0]}-600.webp`);
    expect(stored?.size).toBeGreaterThan(0);

    const [summary] = await listProductsForArtist(db, artist.id);
    expect(summary).toMatchObject({ id: created.product.id, releaseTitle: "Debut", optionCount: 0 });

    const updated = await updateProduct(
      db,
      owner.id,
      artist.id,
      created.product.id,
      cd({ title: "Debut CD (digipak)", stock: "", stockWas: "5", published: false }),
      {
        remove: created.product.photoKeys,
      },
    );
    if (!updated.ok) throw new Error(JSON.stringify(updated));
    expect(updated.product).toMatchObject({
      title: "Debut CD (digipak)",
      stock: null,
      published: false,
      releaseId: null,
      photoKeys: [],
    });
    expect(await statFile(`${created.product.photoKeys[0]}-600.webp`)).toBeNull();

    expect(await deleteProduct(db, owner.id, artist.id, created.product.id)).toEqual({ ok: true });
    expect(await productOfArtist(db, artist.id, created.product.id)).toBeNull();
  });

  it("keeps sizes with their own stock, and does not write back a stock the band did not change", async () => {
    const { owner, artist } = await band();
    const created = await createProduct(db, owner.id, artist.id, {
      ...cd({ kind: "shirt", title: "Logo shirt", stock: "9" }),
      options: [
        { id: "", label: "M", stock: "3" },
        { id: "", label: "L", stock: "" },
      ],
    });
    if (!created.ok) throw new Error(JSON.stringify(created));
    // With options, stock lives on each option.
    expect(created.product.stock).toBeNull();
    expect(created.product.options.map((o) => [o.label, o.stock])).toEqual([
      ["M", 3],
      ["L", null],
    ]);
    const [m, l] = created.product.options;

    // A fan buys one M while the band has the form open showing "3".
    await db.update(productOptions).set({ stock: 2 }).where(eq(productOptions.id, m.id));
    const saved = await updateProduct(db, owner.id, artist.id, created.product.id, {
      ...cd({ kind: "shirt", title: "Logo shirt" }),
      options: [
        { id: m.id, label: "M", stock: "3", stockWas: "3" },
        { id: l.id, label: "XL", stock: "4", stockWas: "" },
      ],
    });
    if (!saved.ok) throw new Error(JSON.stringify(saved));
    expect(saved.product.options.map((o) => [o.id, o.label, o.stock])).toEqual([
      [m.id, "M", 2],
      [l.id, "XL", 4],
    ]);
    const [summary] = await listProductsForArtist(db, artist.id);
    expect(summary).toMatchObject({ optionCount: 2, optionStock: 6 });
  });

  it("any member of the band may do it; someone else gets not found", async () => {
    const { artist } = await band();
    const member = await makeUser(db);
    await addMember(db, artist.id, member.id);
    expect((await createProduct(db, member.id, artist.id, cd())).ok).toBe(true);
    const stranger = await makeUser(db);
    expect(await createProduct(db, stranger.id, artist.id, cd())).toEqual({ ok: false, error: "not_found" });
    expect(await productCount(artist.id)).toBe(1);
  });
});

describe("bad input is refused with a reason and writes nothing", () => {
  it("refuses a negative price, bad stock, a missing title and duplicate option names", async () => {
    const { owner, artist } = await band();
    const result = await createProduct(db, owner.id, artist.id, {
      ...cd({ price: "-3", stock: "2.5", title: "  " }),
      options: [
        { id: "", label: "M", stock: "" },
        { id: "", label: "m", stock: "-1" },
      ],
    });
    expect(result).toMatchObject({
      ok: false,
      error: "invalid",
      fieldErrors: {
        price: "money_negative",
        stock: "stock_invalid",
        title: "title_required",
        "options.1.stock": "stock_negative",
      },
    });
    const twoMs = {
      ...cd(),
      options: [
        { id: "", label: "M", stock: "" },
        { id: "", label: "m ", stock: "1" },
      ],
    };
    expect(await createProduct(db, owner.id, artist.id, twoMs)).toMatchObject({
      fieldErrors: { "options.1.label": "option_label_duplicate" },
    });
    const blankOption = { ...cd(), options: [{ id: "", label: "", stock: "3" }] };
    expect(await createProduct(db, owner.id, artist.id, blankOption)).toMatchObject({
      fieldErrors: { "options.0.label": "option_label_required" },
    });
    const tooMany = { ...cd(), options: Array.from({ length: 21 }, (_, i) => ({ id: "", label: `S${i}`, stock: "" })) };
    expect(await createProduct(db, owner.id, artist.id, tooMany)).toMatchObject({
      fieldErrors: { options: "options_too_many" },
    });
    expect(await createProduct(db, owner.id, artist.id, cd({ stock: "-4" }))).toMatchObject({
      fieldErrors: { stock: "stock_negative" },
    });
    expect(await createProduct(db, owner.id, artist.id, cd({ stock: "100001" }))).toMatchObject({
      fieldErrors: { stock: "stock_too_large" },
    });
    expect(await createProduct(db, owner.id, artist.id, cd({ price: "" }))).toMatchObject({
      fieldErrors: { price: "price_required" },
    });
    expect(await createProduct(db, owner.id, artist.id, cd({ price: "7.555" }))).toMatchObject({
      fieldErrors: { price: "money_format" },
    });
    expect(await createProduct(db, owner.id, artist.id, cd({ kind: "poster" }))).toMatchObject({
      fieldErrors: { kind: "product_kind_invalid" },
    });
    expect(await createProduct(db, owner.id, artist.id, cd({ currency: "XYZ" }))).toMatchObject({
      fieldErrors: { currency: "currency_invalid" },
    });
    expect(await productCount(artist.id)).toBe(0);
  });

  it("refuses a fifth photo, a .png that is not a picture and a broken one, and stores none of them", async () => {
    const { owner, artist } = await band();
    const good = await png();
    const five = Array.from({ length: 5 }, (_, i) => ({ name: `p${i}.png`, bytes: good }));
    expect(await createProduct(db, owner.id, artist.id, cd(), { add: five })).toMatchObject({
      ok: false,
      fieldErrors: { photos: "photos_too_many" },
    });

    const fake = { name: "cover.png", bytes: Buffer.from("%PDF-1.7\nnot a picture at all") };
    const refused = await createProduct(db, owner.id, artist.id, cd(), {
      add: [{ name: "ok.png", bytes: good }, fake],
    });
    expect(refused).toMatchObject({
      ok: false,
      fieldErrors: { photos: "photo_not_image" },
      photoProblem: { name: "cover.png", reason: "not_image" },
    });

    const broken = { name: "broken.png", bytes: Buffer.concat([good.subarray(0, 40), Buffer.alloc(200, 7)]) };
    expect(await createProduct(db, owner.id, artist.id, cd(), { add: [broken] })).toMatchObject({
      ok: false,
      fieldErrors: { photos: "photo_unreadable" },
    });
    expect(await productCount(artist.id)).toBe(0);

    // On an item with three photos, two more are one too many even when none is removed.
    const three = await createProduct(db, owner.id, artist.id, cd(), { add: five.slice(0, 3) });
    if (!three.ok) throw new Error(JSON.stringify(three));
    const more = await updateProduct(db, owner.id, artist.id, three.product.id, cd(), { add: five.slice(0, 2) });
    expect(more).toMatchObject({ ok: false, fieldErrors: { photos: "photos_too_many" } });
    expect((await productOfArtist(db, artist.id, three.product.id))!.photoKeys).toEqual(three.product.photoKeys);
  });

  it("another band's item, release or option is not found, and nothing changes", async () => {
    const mine = await band();
    const theirs = await band();
    const their = await createProduct(db, theirs.owner.id, theirs.artist.id, {
      ...cd(),
      options: [{ id: "", label: "M", stock: "1" }],
    });
    const own = await createProduct(db, mine.owner.id, mine.artist.id, cd());
    if (!their.ok || !own.ok) throw new Error("setup");

    expect(await createProduct(db, mine.owner.id, mine.artist.id, cd({ releaseId: theirs.release.id }))).toEqual({
      ok: false,
      error: "not_found",
    });
    expect(await updateProduct(db, mine.owner.id, mine.artist.id, their.product.id, cd({ title: "Mine now" }))).toEqual(
      { ok: false, error: "not_found" },
    );
    expect(
      await updateProduct(db, mine.owner.id, mine.artist.id, own.product.id, cd({ releaseId: theirs.release.id })),
    ).toEqual({ ok: false, error: "not_found" });
    const stolenOption = {
      ...cd(),
      options: [{ id: their.product.options[0].id, label: "M", stock: "50", stockWas: "1" }],
    };
    expect(await updateProduct(db, mine.owner.id, mine.artist.id, own.product.id, stolenOption)).toEqual({
      ok: false,
      error: "not_found",
    });
    // The owner of band A asking through band B's id is not a member of B.
    expect(await deleteProduct(db, mine.owner.id, theirs.artist.id, their.product.id)).toEqual({
      ok: false,
      error: "not_found",
    });
    expect(await deleteProduct(db, mine.owner.id, mine.artist.id, their.product.id)).toEqual({
      ok: false,
      error: "not_found",
    });

    expect(await productOfArtist(db, theirs.artist.id, their.product.id)).toMatchObject({
      title: "Debut CD",
      options: [{ stock: 1 }],
    });
    expect(await productOfArtist(db, mine.artist.id, own.product.id)).toMatchObject({ releaseId: null, options: [] });
    expect(await productOfArtist(db, mine.artist.id, their.product.id)).toBeNull();
    expect(await productCount(mine.artist.id)).toBe(1);
  });
});

describe("shipping settings", () => {
  const rate = (overrides: Record<string, unknown> = {}) => ({
    zone: "home",
    label: "",
    countries: [],
    currency: "EUR",
    firstItem: "4",
    eachExtra: "1",
    ...overrides,
  });

  it("saves home, Europe, world and a custom list in more than one currency", async () => {
    const { owner, artist } = await band();
    const saved = await saveShippingSettings(db, owner.id, artist.id, {
      country: "fr",
      rates: [
        rate(),
        rate({ zone: "europe", firstItem: "8", eachExtra: "2" }),
        rate({ zone: "custom", label: "Nordics", countries: ["SE", "NO", "se"], firstItem: "10", eachExtra: "" }),
        rate({ zone: "world", currency: "USD", firstItem: "15.50", eachExtra: "3" }),
        rate({ zone: "world", currency: "JPY", firstItem: "2000", eachExtra: "500" }),
      ],
    });
    if (!saved.ok) throw new Error(JSON.stringify(saved));
    const settings = await getShippingSettings(db, artist.id);
    expect(settings.country).toBe("FR");
    expect(settings.rates.map((r) => [r.currency, r.zone, r.label, r.countries, r.firstItem, r.eachExtra])).toEqual([
      ["EUR", "custom", "Nordics", ["SE", "NO"], 1000, 0],
      ["EUR", "home", "", [], 400, 100],
      ["EUR", "europe", "", [], 800, 200],
      ["JPY", "world", "", [], 2000, 500],
      ["USD", "world", "", [], 1550, 300],
    ]);
  });

  it("refuses bad rates with a reason per row and keeps the old ones", async () => {
    const { owner, artist } = await band();
    await saveShippingSettings(db, owner.id, artist.id, { country: "FR", rates: [rate()] });
    const bad = async (raw: Record<string, unknown>) => {
      const result = await saveShippingSettings(db, owner.id, artist.id, raw);
      return result.ok ? null : result;
    };
    expect(await bad({ country: "", rates: [rate()] })).toMatchObject({
      fieldErrors: { "rates.0.zone": "home_needs_country" },
    });
    expect(await bad({ country: "XX", rates: [] })).toMatchObject({ fieldErrors: { country: "country_invalid" } });
    expect(await bad({ country: "FR", rates: [rate({ firstItem: "-4" })] })).toMatchObject({
      fieldErrors: { "rates.0.firstItem": "money_negative" },
    });
    expect(await bad({ country: "FR", rates: [rate({ firstItem: "" })] })).toMatchObject({
      fieldErrors: { "rates.0.firstItem": "price_required" },
    });
    expect(await bad({ country: "FR", rates: [rate({ currency: "JPY", firstItem: "4.5" })] })).toMatchObject({
      fieldErrors: { "rates.0.firstItem": "money_format" },
    });
    expect(await bad({ country: "FR", rates: [rate({ eachExtra: "abc" })] })).toMatchObject({
      fieldErrors: { "rates.0.eachExtra": "money_format" },
    });
    expect(await bad({ country: "FR", rates: [rate(), rate()] })).toMatchObject({
      fieldErrors: { "rates.1.zone": "zone_duplicate" },
    });
    expect(await bad({ country: "FR", rates: [rate({ zone: "moon" })] })).toMatchObject({
      fieldErrors: { "rates.0.zone": "zone_invalid" },
    });
    expect(await bad({ country: "FR", rates: [rate({ currency: "ABC" })] })).toMatchObject({
      fieldErrors: { "rates.0.currency": "currency_invalid" },
    });
    expect(await bad({ country: "FR", rates: [rate({ zone: "custom", countries: [] })] })).toMatchObject({
      fieldErrors: { "rates.0.countries": "countries_required" },
    });
    expect(await bad({ country: "FR", rates: [rate({ zone: "custom", countries: ["SE", "QQ"] })] })).toMatchObject({
      fieldErrors: { "rates.0.countries": "country_invalid" },
    });
    expect(
      await bad({
        country: "FR",
        rates: [rate({ zone: "custom", countries: ["SE"] }), rate({ zone: "custom", countries: ["NO", "SE"] })],
      }),
    ).toMatchObject({ fieldErrors: { "rates.1.countries": "country_in_two_zones" } });
    expect(
      await bad({
        country: "FR",
        rates: Array.from({ length: 21 }, (_, i) => rate({ zone: "custom", countries: [["SE", "NO", "DK"][i % 3]] })),
      }),
    ).toMatchObject({
      fieldErrors: { rates: "rates_too_many" },
    });
    // Every row's problems come back together, not one round at a time.
    expect(
      await bad({
        country: "",
        rates: [rate({ firstItem: "" }), rate({ zone: "custom", countries: [], firstItem: "x" })],
      }),
    ).toMatchObject({
      fieldErrors: {
        "rates.0.firstItem": "price_required",
        "rates.0.zone": "home_needs_country",
        "rates.1.firstItem": "money_format",
        "rates.1.countries": "countries_required",
      },
    });
    const rows = await db.select().from(shippingRates).where(eq(shippingRates.artistId, artist.id));
    expect(rows.map((r) => [r.zone, r.firstItem])).toEqual([["home", 400]]);
  });

  it("someone outside the band cannot change its rates", async () => {
    const { owner, artist } = await band();
    await saveShippingSettings(db, owner.id, artist.id, { country: "FR", rates: [rate()] });
    const stranger = await makeUser(db);
    expect(await saveShippingSettings(db, stranger.id, artist.id, { country: "DE", rates: [] })).toEqual({
      ok: false,
      error: "not_found",
    });
    expect((await getShippingSettings(db, artist.id)).country).toBe("FR");
    expect((await getShippingSettings(db, artist.id)).rates).toHaveLength(1);
  });
});
