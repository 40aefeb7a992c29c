import { describe, expect, it } from "vitest";
import { entriesPerFile, escapeXml, robotsTxt, SITEMAP_MAX_URLS, sitemapIndexXml, urlsetXml } from "@/lib/seo";

const origin = "https://shop.example";
const lastmod = new Date("2026-05-01T10:20:30.456Z");

describe("a sitemap's urlset", () => {
  const xml = urlsetXml([{ path: "/night-owls/dusk", lastmod }], origin);

  it("lists the page once per language, each with its lastmod and every language plus x-default", () => {
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<urlset /);
    expect(xml).toContain('xmlns:xhtml="http://www.w3.org/1999/xhtml"');
    const urls = xml.match(/<url>[\s\S]*?<\/url>/g) ?? [];
    expect(urls.map((url) => /<loc>(.*)<\/loc>/.exec(url)?.[1])).toEqual([
      "https://shop.example/night-owls/dusk",
      "https://shop.example/fr/night-owls/dusk",
      "https://shop.example/de/night-owls/dusk",
      "https://shop.example/es/night-owls/dusk",
    ]);
    for (const url of urls) {
      expect(url).toContain("<lastmod>2026-05-01T10:20:30Z</lastmod>");
      expect(url).toContain('<xhtml:link rel="alternate" hreflang="en" href="https://shop.example/night-owls/dusk"/>');
      expect(url).toContain(
        '<xhtml:link rel="alternate" hreflang="fr" href="https://shop.example/fr/night-owls/dusk"/>',
      );
      for (const lang of ["de", "es"])
        expect(url).toContain(
          `<xhtml:link rel="alternate" hreflang="${lang}" href="https://shop.example/${lang}/night-owls/dusk"/>`,
        );
      expect(url).toContain(
        '<xhtml:link rel="alternate" hreflang="x-default" href="https://shop.example/night-owls/dusk"/>',
      );
    }
  });

  it("escapes what XML would read as markup", () => {
    expect(escapeXml(`a&b<c>"d'`)).toBe("a&amp;b&lt;c&gt;&quot;d&apos;");
    const odd = urlsetXml([{ path: "/band/x?a=1&b=<2>", lastmod }], origin);
    expect(odd).toContain("<loc>https://shop.example/band/x?a=1&amp;b=%3C2%3E</loc>");
    expect(odd).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
  });
});

describe("splitting a large sitemap", () => {
  it("fills each file with at most 50 000 URLs, every language counted", () => {
    expect(entriesPerFile()).toBe(SITEMAP_MAX_URLS / 4);
    expect(entriesPerFile(9)).toBe(2);
    expect(entriesPerFile(1)).toBe(1);
  });

  it("indexes the files as /sitemap/<n>.xml from 1, each with its newest change", () => {
    const xml = sitemapIndexXml([{ lastmod }, { lastmod: new Date("2026-06-01T00:00:00Z") }], origin);
    expect(xml).toContain('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    expect(xml.match(/<loc>(.*?)<\/loc>/g)).toEqual([
      "<loc>https://shop.example/sitemap/1.xml</loc>",
      "<loc>https://shop.example/sitemap/2.xml</loc>",
    ]);
    expect(xml).toContain("<lastmod>2026-06-01T00:00:00Z</lastmod>");
  });
});

/** Google's reading of a robots.txt rule: a prefix, "*" any characters, "$" the end. */
function blocked(robots: string, path: string) {
  return robots
    .split("\n")
    .filter((line) => line.startsWith("Disallow: "))
    .map((line) => line.slice("Disallow: ".length))
    .some((rule) =>
      new RegExp(
        "^" +
          rule
            .replace(/[.+?^{}()|[\]\\]/g, "\\$&")
            .replace(/\*/g, ".*")
            .replace(/\\\$$|\$$/, "$"),
      ).test(path),
    );
}

describe("robots.txt", () => {
  const robots = robotsTxt(origin);

  it("lists the sitemap by its absolute URL", () => {
    expect(robots).toContain("Sitemap: https://shop.example/sitemap.xml");
  });

  it.each(["/dashboard", "/dashboard/band/releases", "/api/stream/x", "/checkout/success", "/library", "/library/g1"])(
    "keeps %s out",
    (path) => expect(blocked(robots, path)).toBe(true),
  );

  it.each([
    "/download/abc",
    "/embed/release/r1",
    "/dev/mail",
    "/night-owls/cart",
    "/fr/night-owls/cart",
    "/night-owls/cart/add",
  ])("keeps %s out", (path) => expect(blocked(robots, path)).toBe(true));

  it.each(["/", "/fr", "/night-owls", "/fr/night-owls/dusk", "/library-tapes", "/embedded-sounds", "/media/x.jpg"])(
    "lets crawlers read %s (bands whose name starts like a private page included)",
    (path) => expect(blocked(robots, path)).toBe(false),
  );
});
