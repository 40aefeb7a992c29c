import { describe, expect, it } from "vitest";
import { parseEmbedOptions } from "@/lib/embed/options";
import { cacheRequest } from "@/lib/page-cache";
import { WIDGET_PARAMS } from "@/lib/page-cache/key";

const key = (url: string, headers: Record<string, string> = {}) => cacheRequest("GET", url, headers)?.key ?? null;

describe("page cache keys", () => {
  it("keep only the query parameters a page reads, sorted, so tracking parameters share the copy", () => {
    expect(key("/demo-band/first-light?utm_source=x&track=t1&fbclid=y")).toBe("/demo-band/first-light?track=t1");
    expect(key("/demo-band/first-light?utm_campaign=launch")).toBe("/demo-band/first-light");
    expect(key("/demo-band?utm_source=x")).toBe("/demo-band");
    expect(key("/?ref=y")).toBe("/");
    expect(key("/embed/release/abc-1?utm=1&theme=dark&accent=fff&lang=fr")).toBe(
      "/embed/release/abc-1?accent=fff&lang=fr&theme=dark",
    );
    expect(key("/api/oembed?url=http%3A%2F%2Fx%2Fa&maxwidth=400&utm=1")).toBe(
      "/api/oembed?maxwidth=400&url=http%3A%2F%2Fx%2Fa",
    );
  });

  it("name the French pages by their prefix", () => {
    expect(cacheRequest("GET", "/fr/demo-band", {})).toMatchObject({
      key: "/fr/demo-band",
      locale: "fr",
      languageRedirect: false,
      route: { kind: "shop", artist: "demo-band" },
    });
    expect(cacheRequest("GET", "/fr", {})).toMatchObject({ key: "/fr", route: { kind: "home" } });
    expect(cacheRequest("HEAD", "/demo-band/x", {})).toMatchObject({ languageRedirect: true, locale: null });
  });

  it("name the German and Spanish pages by theirs, each its own copy", () => {
    expect(cacheRequest("GET", "/de/demo-band/first-light?track=t1", {})).toMatchObject({
      key: "/de/demo-band/first-light?track=t1",
      locale: "de",
      languageRedirect: false,
      route: { kind: "release", artist: "demo-band", release: "first-light" },
    });
    expect(cacheRequest("GET", "/es", {})).toMatchObject({ key: "/es", locale: "es", route: { kind: "home" } });
    expect(key("/embed/track/t1", { "accept-language": "de-AT,de;q=0.9" })).toBe("/embed/track/t1?lang=de");
    expect(key("/embed/track/t1?lang=es", { "accept-language": "de" })).toBe("/embed/track/t1?lang=es");
  });

  it("put a language-less widget's language (from Accept-Language) in its key", () => {
    expect(key("/embed/track/t1", { "accept-language": "fr-FR,fr;q=0.9" })).toBe("/embed/track/t1?lang=fr");
    expect(key("/embed/track/t1", {})).toBe("/embed/track/t1?lang=en");
    expect(key("/embed/track/t1?lang=xx", { "accept-language": "fr" })).toBe("/embed/track/t1?lang=fr");
    expect(cacheRequest("GET", "/embed/track/t1?lang=en", {})?.varyOnLanguage).toBe(false);
  });

  it("list every option the widgets read", () => {
    const parsed = parseEmbedOptions(new URLSearchParams(), null);
    expect([...WIDGET_PARAMS].sort()).toEqual(Object.keys(parsed).sort());
  });

  it("leave everything else to Next", () => {
    for (const url of [
      "/demo-band/cart",
      "/demo-band/redeem",
      "/demo-band/follow",
      "/fr/demo-band/follow?from=widget",
      "/follows/unsubscribe/a:x.y",
      "/dashboard",
      "/dashboard/demo-band",
      "/signin",
      "/checkout/success",
      "/icon.svg",
      "/api/health",
      "/embed/player.js",
      "/embed.js",
      "/embed/release/a/b",
      "/demo-band/x/y",
      "/demo-band/",
      "/Demo-Band",
      "/en/demo-band",
      "/demo-band?_rsc=abc",
    ])
      expect(key(url), url).toBeNull();
    expect(cacheRequest("POST", "/demo-band", {})).toBeNull();
    expect(cacheRequest("GET", "/demo-band", { rsc: "1" })).toBeNull();
    expect(cacheRequest("GET", `/demo-band?track=${"x".repeat(2000)}`, {})).toBeNull();
  });
});
