import { describe, expect, it } from "vitest";
import { isFanPath } from "@/lib/artists/slug";
import { localeAlternates, localePath, preferredLocale, splitLocalePath } from "@/lib/i18n/paths";

describe("language URLs", () => {
  it("prefixes every language but the default", () => {
    expect(localePath("en", "/demo-band")).toBe("/demo-band");
    expect(localePath("fr", "/demo-band/first-light")).toBe("/fr/demo-band/first-light");
    expect(localePath("fr", "/")).toBe("/fr");
    expect(localePath("en", "/")).toBe("/");
    expect(localeAlternates("/a")).toEqual({ en: "/a", fr: "/fr/a" });
  });

  it("splits a prefix off, and only a known non-default language's", () => {
    expect(splitLocalePath("/fr/demo-band")).toEqual({ locale: "fr", path: "/demo-band" });
    expect(splitLocalePath("/fr")).toEqual({ locale: "fr", path: "/" });
    expect(splitLocalePath("/fr/")).toEqual({ locale: "fr", path: "/" });
    expect(splitLocalePath("/en/demo-band")).toEqual({ locale: null, path: "/en/demo-band" });
    expect(splitLocalePath("/xx/demo-band")).toEqual({ locale: null, path: "/xx/demo-band" });
    expect(splitLocalePath("/fresh-band")).toEqual({ locale: null, path: "/fresh-band" });
  });

  it("round-trips", () => {
    for (const path of ["/", "/a", "/a/b", "/a/b/cart"]) {
      expect(splitLocalePath(localePath("fr", path))).toEqual({ locale: "fr", path });
    }
  });

  it("prefers the visitor's choice, then the browser", () => {
    expect(preferredLocale("en", "fr-FR,fr;q=0.9")).toBe("en");
    expect(preferredLocale(undefined, "fr-FR,fr;q=0.9")).toBe("fr");
    expect(preferredLocale("xx", "de-DE")).toBe("en");
    expect(preferredLocale(null, null)).toBe("en");
  });

  it("knows which paths are a band's or the home page", () => {
    expect(isFanPath("/")).toBe(true);
    expect(isFanPath("/demo-band")).toBe(true);
    expect(isFanPath("/demo-band/first-light")).toBe(true);
    expect(isFanPath("/demo-band/cart")).toBe(true);
    for (const path of ["/dashboard", "/dashboard/demo-band", "/api/visitor", "/embed/release/x", "/icon.svg", "/fr"]) {
      expect(isFanPath(path), path).toBe(false);
    }
  });
});
