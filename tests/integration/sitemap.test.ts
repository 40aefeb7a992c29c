import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { products, releases, type Artist } from "@/db/schema";
import { env } from "@/lib/env";
import { LOCALES } from "@/lib/i18n/config";
import { sitemapEntries, sitemapFileResponse, sitemapResponse } from "@/lib/seo";
import { makeArtist, makeUser, unique, useTestDb } from "@/tests/support/factories";

const db = useTestDb();
const app = env().APP_URL;
const at = (iso: string) => new Date(iso);
const url = (path: string) => new URL(path, app).href;

let band: Artist;
let quietBand: Artist;
let merchBand: Artist;
const slugs = { published: "", draft: "", unpublished: "", deleted: "" };

beforeAll(async () => {
  const owner = await makeUser(db);
  // Pro: its back catalogue is published and listed (a Free band lists one release).
  band = await makeArtist(db, owner.id, { plan: "pro" });
  quietBand = await makeArtist(db, owner.id);
  merchBand = await makeArtist(db, owner.id);
  const release = (slug: string, status: "draft" | "published", updatedAt: Date, artistId = band.id) =>
    db
      .insert(releases)
      .values({
        artistId,
        slug,
        title: slug,
        status,
        publishedAt: status === "published" ? updatedAt : null,
        updatedAt,
      })
      .returning();
  for (const key of Object.keys(slugs) as (keyof typeof slugs)[]) slugs[key] = unique(key);
  await release(slugs.published, "published", at("2026-03-04T05:06:07Z"));
  await release(slugs.draft, "draft", at("2026-03-05T00:00:00Z"));
  // Published once, then taken back to draft by the band.
  const [taken] = await release(slugs.unpublished, "published", at("2026-03-06T00:00:00Z"));
  await db.update(releases).set({ status: "draft" }).where(eq(releases.id, taken.id));
  const [gone] = await release(slugs.deleted, "published", at("2026-03-07T00:00:00Z"));
  await db.delete(releases).where(eq(releases.id, gone.id));
  // A band with only a draft has no shop to show; one selling only a shirt has.
  await release(unique("draft"), "draft", at("2026-03-08T00:00:00Z"), quietBand.id);
  // Enough pages to split into several files even when this file runs alone.
  for (let i = 0; i < 8; i++) await release(unique("back-catalogue"), "published", at(`2026-02-0${i + 1}T00:00:00Z`));
  await db.insert(products).values({
    artistId: merchBand.id,
    kind: "shirt",
    title: "Shirt",
    priceAmount: 2000,
    published: true,
  });
});

/** Each <url> of a urlset: its <loc> and <lastmod>. */
function urls(xml: string) {
  return [...xml.matchAll(/<url>\s*<loc>([^<]+)<\/loc>\s*<lastmod>([^<]+)<\/lastmod>/g)].map(([, loc, lastmod]) => ({
    loc,
    lastmod,
  }));
}

describe("the sitemap", () => {
  it("lists published releases and shops with something to show, in every language, with lastmod", async () => {
    const response = await sitemapResponse(db);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/xml; charset=utf-8");
    expect(response.headers.get("cache-control")).toMatch(/^public, .*s-maxage=\d+/);
    const listed = urls(await response.text());
    const release = `/${band.slug}/${slugs.published}`;
    expect(listed).toContainEqual({ loc: url(release), lastmod: "2026-03-04T05:06:07Z" });
    expect(listed).toContainEqual({ loc: url(`/fr${release}`), lastmod: "2026-03-04T05:06:07Z" });
    expect(listed.map((u) => u.loc)).toContain(url(`/${band.slug}`));
    expect(listed.map((u) => u.loc)).toContain(url(`/fr/${merchBand.slug}`));
  });

  it("never lists a draft, a release taken back to draft, a deleted release or a shop with nothing published", async () => {
    const xml = await (await sitemapResponse(db)).text();
    for (const slug of [slugs.draft, slugs.unpublished, slugs.deleted]) expect(xml).not.toContain(slug);
    expect(xml).not.toContain(quietBand.slug);
  });

  it("past its file size, becomes an index of files that together list every URL once", async () => {
    // One consistent snapshot: the other test files write while this one reads.
    await db.transaction(
      async (tx) => {
        const whole = urls(await (await sitemapResponse(tx)).text()).map((u) => u.loc);
        expect(whole.length).toBeGreaterThanOrEqual(20);
        // Each page is listed once per language (L addresses a page).
        const L = LOCALES.length;
        // One page a file (every key is a boundary, shops' and releases'), three, and about five files.
        for (const maxUrls of [L, 3 * L, L * Math.ceil(whole.length / L / 5)]) {
          const index = await (await sitemapResponse(tx, maxUrls)).text();
          expect(index).toContain("<sitemapindex");
          const files = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map(([, loc]) => loc);
          expect(files.length).toBeGreaterThanOrEqual(5);
          expect(files[0]).toBe(url("/sitemap/1.xml"));
          const listed: string[] = [];
          for (const [i] of files.entries()) {
            const response = await sitemapFileResponse(tx, `${i + 1}.xml`, maxUrls);
            expect(response.status).toBe(200);
            const part = urls(await response.text()).map((u) => u.loc);
            expect(part.length).toBeGreaterThan(0);
            expect(part.length).toBeLessThanOrEqual(maxUrls);
            listed.push(...part);
          }
          expect(listed).toHaveLength(whole.length);
          expect(new Set(listed).size).toBe(listed.length);
          expect([...listed].sort()).toEqual([...whole].sort());
          for (const name of ["0.xml", `${files.length + 1}.xml`, "1.json", "x.xml", "01.xml"]) {
            expect((await sitemapFileResponse(tx, name, maxUrls)).status).toBe(404);
          }
        }
        // The keyset batches (2000 rows in the app) meet end to end, none read twice.
        const batched: string[] = [];
        for await (const entry of sitemapEntries(tx, {}, 3)) batched.push(entry.path);
        expect(batched.length * L).toBe(whole.length);
        expect(new Set(batched).size).toBe(batched.length);
      },
      { isolationLevel: "repeatable read", accessMode: "read only" },
    );
  });
});
