import { describe, expect, it } from "vitest";
import { checkSlug, slugify } from "@/lib/artists/slug";

describe("a band's shop address", () => {
  it("is suggested from the band's name, accents and symbols folded", () => {
    expect(slugify("Les Hôtes Étranges!")).toBe("les-hotes-etranges");
    expect(slugify("  Salt & Pepper  ")).toBe("salt-and-pepper");
    expect(slugify("Sigur Rós")).toBe("sigur-ros");
    expect(slugify("!!!")).toBe("");
  });

  it("never suggests more than 40 characters or a trailing dash", () => {
    const slug = slugify("a".repeat(39) + " b c d");
    expect(slug.length).toBeLessThanOrEqual(40);
    expect(slug.endsWith("-")).toBe(false);
  });

  it("refuses the words the app's own pages use", () => {
    for (const word of ["dashboard", "api", "embed", "library", "download", "signin", "media", "dev", "redeem"]) {
      expect(checkSlug(word)).toEqual({ ok: false, reason: "reserved" });
    }
  });

  it("refuses bad shapes with a reason the form can explain", () => {
    expect(checkSlug("a")).toEqual({ ok: false, reason: "too_short" });
    expect(checkSlug("x".repeat(41))).toEqual({ ok: false, reason: "too_long" });
    expect(checkSlug("-band")).toEqual({ ok: false, reason: "format" });
    expect(checkSlug("band-")).toEqual({ ok: false, reason: "format" });
    expect(checkSlug("my--band")).toEqual({ ok: false, reason: "format" });
    expect(checkSlug("My Band")).toEqual({ ok: false, reason: "format" });
    expect(checkSlug("bänd")).toEqual({ ok: false, reason: "format" });
    expect(checkSlug("the-demo-band-2")).toEqual({ ok: true });
  });
});
