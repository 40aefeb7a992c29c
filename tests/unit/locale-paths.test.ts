import { describe, expect, it } from "vitest";
import { isFanPath } from "@/lib/artists/slug";
import { BACK_OFFICE_LOCALES } from "@/lib/i18n/config";
import {
  isBackOfficePath,
  localeAlternates,
  localePath,
  localesForPath,
  preferredLocale,
  splitLocalePath,
} from "@/lib/i18n/paths";

describe("language URLs", () => {
  it("prefixes every language but the default", () => {
    expect(localePath("en", "/demo-band")).toBe("/demo-band");
    expect(localePath("fr", "/demo-band/first-light")).toBe("/fr/demo-band/first-light");
    expect(localePath("fr", "/")).toBe("/fr");
    expect(localePath("en", "/")).toBe("/");
    expect(localePath("de", "/demo-band/first-light")).toBe("/de/demo-band/first-light");
    expect(localePath("es", "/")).toBe("/es");
    expect(localeAlternates("/a")).toEqual({ en: "/a", fr: "/fr/a", de: "/de/a", es: "/es/a" });
  });

  it("splits a prefix off, and only a known non-default language's", () => {
    expect(splitLocalePath("/fr/demo-band")).toEqual({ locale: "fr", path: "/demo-band" });
    expect(splitLocalePath("/fr")).toEqual({ locale: "fr", path: "/" });
    expect(splitLocalePath("/fr/")).toEqual({ locale: "fr", path: "/" });
    expect(splitLocalePath("/en/demo-band")).toEqual({ locale: null, path: "/en/demo-band" });
    expect(splitLocalePath("/xx/demo-band")).toEqual({ locale: null, path: "/xx/demo-band" });
    expect(splitLocalePath("/de/demo-band/cart")).toEqual({ locale: "de", path: "/demo-band/cart" });
    expect(splitLocalePath("/es")).toEqual({ locale: "es", path: "/" });
    expect(splitLocalePath("/esperanto-band")).toEqual({ locale: null, path: "/esperanto-band" });
    expect(splitLocalePath("/dex/a")).toEqual({ locale: null, path: "/dex/a" });
    expect(splitLocalePath("/fresh-band")).toEqual({ locale: null, path: "/fresh-band" });
  });

  it("round-trips", () => {
    for (const locale of ["fr", "de", "es"] as const)
      for (const path of ["/", "/a", "/a/b", "/a/b/cart"]) {
        expect(splitLocalePath(localePath(locale, path))).toEqual({ locale, path });
      }
  });

  it("prefers the visitor's choice, then the browser", () => {
    expect(preferredLocale("en", "fr-FR,fr;q=0.9")).toBe("en");
    expect(preferredLocale(undefined, "fr-FR,fr;q=0.9")).toBe("fr");
    expect(preferredLocale("xx", "de-DE")).toBe("de");
    expect(preferredLocale("xx", "it-IT")).toBe("en");
    expect(preferredLocale("es", "de-DE")).toBe("es");
    expect(preferredLocale(null, null)).toBe("en");
  });

  it("keeps the back office in English or French, whatever a fan chose", () => {
    expect(preferredLocale("de", "de-DE,de;q=0.9", BACK_OFFICE_LOCALES)).toBe("en");
    expect(preferredLocale("es", "es-ES,fr;q=0.5", BACK_OFFICE_LOCALES)).toBe("fr");
    expect(preferredLocale("fr", "de-DE", BACK_OFFICE_LOCALES)).toBe("fr");
    for (const path of ["/dashboard", "/dashboard/demo-band/orders", "/admin", "/signin", "/onboarding", "/invite/x"])
      expect([path, localesForPath(path)]).toEqual([path, BACK_OFFICE_LOCALES]);
    for (const path of [
      "/demo-band",
      "/checkout/success",
      "/library",
      "/download/x",
      "/redeem",
      "/report",
      "/dashboards-band",
    ])
      expect([path, isBackOfficePath(path)]).toEqual([path, false]);
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
