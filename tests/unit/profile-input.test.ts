import { describe, expect, it } from "vitest";
import { artistProfileSchema, parseLinks } from "@/lib/artists/profile-input";

const valid = {
  name: "Night Swimmers",
  slug: "night-swimmers",
  location: "",
  bio: "",
  links: "",
  currency: "EUR",
  accentColor: "#AA3300",
};

describe("a band's profile form", () => {
  it("accepts a plain profile and normalises it", () => {
    const parsed = artistProfileSchema.parse({ ...valid, name: "  Night Swimmers ", slug: "Night-Swimmers" });
    expect(parsed).toMatchObject({ name: "Night Swimmers", slug: "night-swimmers", accentColor: "#aa3300", links: [] });
  });

  it("explains each refused field with a code", () => {
    const result = artistProfileSchema.safeParse({
      ...valid,
      name: " ",
      slug: "api",
      currency: "XXX",
      accentColor: "red",
    });
    expect(result.success).toBe(false);
    const codes = Object.fromEntries(result.error!.issues.map((i) => [i.path[0], i.message]));
    expect(codes).toEqual({
      name: "name_required",
      slug: "slug_reserved",
      currency: "currency_invalid",
      accentColor: "color_invalid",
    });
  });

  it("turns pasted links into labelled https links", () => {
    expect(parseLinks("instagram.com/nightswimmers\n\nhttps://www.youtube.com/@ns\nhttps://nightswimmers.fr")).toEqual({
      ok: true,
      links: [
        { label: "Instagram", url: "https://instagram.com/nightswimmers" },
        { label: "YouTube", url: "https://www.youtube.com/@ns" },
        { label: "nightswimmers.fr", url: "https://nightswimmers.fr/" },
      ],
    });
  });

  it("refuses links that are not web addresses", () => {
    expect(parseLinks("javascript:alert(1)")).toEqual({ ok: false, error: "link_invalid" });
    expect(parseLinks("ftp://files.example")).toEqual({ ok: false, error: "link_invalid" });
    expect(parseLinks(Array.from({ length: 9 }, (_, i) => `https://e${i}.test`).join("\n"))).toEqual({
      ok: false,
      error: "links_too_many",
    });
  });
});
