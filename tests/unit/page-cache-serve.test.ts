import { describe, expect, it } from "vitest";
import { buildEntry } from "@/lib/page-cache/entry";
import { cacheControl, chooseEncoding, MAX_AGE_MS, notModified } from "@/lib/page-cache/serve";

const page = (body: string, status = 200) =>
  buildEntry({
    key: "/band/release",
    tags: ["release:1"],
    rendered: { status, headers: { "content-type": "text/html; charset=utf-8" }, body: Buffer.from(body) },
    embed: false,
    vary: "Accept-Encoding",
    storedAt: 1_000_000,
  });

describe("serving a cached copy", () => {
  it("answers 304 only when the browser holds these exact bytes (in any encoding)", async () => {
    const entry = await page("<p>x</p>".repeat(100));
    const other = await page("<p>y</p>".repeat(100));
    expect(entry.etags).toHaveLength(3);
    expect(notModified(entry.variants.identity.etag, entry.etags)).toBe(true);
    expect(notModified(`W/${entry.variants.br.etag}`, entry.etags)).toBe(true);
    expect(notModified(`"nope", ${entry.variants.gzip.etag}`, entry.etags)).toBe(true);
    expect(notModified("*", entry.etags)).toBe(true);
    expect(notModified(other.variants.identity.etag, entry.etags)).toBe(false);
    expect(notModified(undefined, entry.etags)).toBe(false);
    expect(notModified("", entry.etags)).toBe(false);
  });

  it("picks brotli, then gzip, honouring q=0", () => {
    expect(chooseEncoding("gzip, deflate, br, zstd")).toBe("br");
    expect(chooseEncoding("gzip")).toBe("gzip");
    expect(chooseEncoding("br;q=0, gzip")).toBe("gzip");
    expect(chooseEncoding("gzip;q=0")).toBe("identity");
    expect(chooseEncoding(undefined)).toBe("identity");
    expect(chooseEncoding("brotli-ish")).toBe("identity");
  });

  it("keeps a CDN's copy within 60 s of the render", async () => {
    const entry = await page("<p>x</p>");
    expect(cacheControl(entry, entry.storedAt)).toBe("public, max-age=0, s-maxage=30, stale-while-revalidate=30");
    expect(cacheControl(entry, entry.storedAt + 20_500)).toBe(
      "public, max-age=0, s-maxage=19, stale-while-revalidate=20",
    );
    for (let age = 0; age <= MAX_AGE_MS; age += 700) {
      const [, fresh, stale] = /s-maxage=(\d+), stale-while-revalidate=(\d+)/.exec(
        cacheControl(entry, entry.storedAt + age),
      )!;
      expect(age / 1000 + Number(fresh) + Number(stale)).toBeLessThanOrEqual(60);
    }
    expect(cacheControl(await page("gone", 404), 0)).toBe("public, max-age=0, s-maxage=5");
  });

  it("pre-compresses once and hashes the page's inline scripts into its policy", async () => {
    const entry = await page(`<script>a()</script>${"<p>x</p>".repeat(100)}`);
    expect(entry.variants.gzip.body.length).toBeLessThan(entry.variants.identity.body.length);
    expect(entry.variants.br.headers).toContain("br");
    const csp = entry.variants.identity.headers[entry.variants.identity.headers.indexOf("Content-Security-Policy") + 1];
    expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]{44}';/);
    expect(entry.variants.identity.headers).toContain("X-Frame-Options");
  });
});
