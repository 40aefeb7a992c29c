import { describe, expect, it } from "vitest";
import {
  checkWriteOrigin,
  contentSecurityPolicy,
  isEmbedPath,
  referrerPolicyFor,
  storageMediaOrigins,
} from "@/lib/http/security";

describe("cross-site writes", () => {
  it("are refused when Origin is null or another site", () => {
    expect(checkWriteOrigin("POST", "/signin", "null", "shop.test")).toEqual({ allowed: false, reason: "null_origin" });
    expect(checkWriteOrigin("POST", "/dashboard/x", "https://evil.test", "shop.test")).toEqual({
      allowed: false,
      reason: "foreign_origin",
    });
    expect(checkWriteOrigin("DELETE", "/api/x", "not a url", "shop.test")).toEqual({
      allowed: false,
      reason: "foreign_origin",
    });
    expect(checkWriteOrigin("POST", "/x", "https://shop.test:8443", "shop.test")).toEqual({
      allowed: false,
      reason: "foreign_origin",
    });
  });

  it("are allowed from the app's own origin, from non-browser clients and for signed webhooks", () => {
    expect(checkWriteOrigin("POST", "/signin", "http://shop.test", "shop.test")).toEqual({ allowed: true });
    expect(checkWriteOrigin("POST", "/signin", null, "shop.test")).toEqual({ allowed: true });
    expect(checkWriteOrigin("POST", "/api/stripe/webhook", "https://stripe.test", "shop.test")).toEqual({
      allowed: true,
    });
    expect(checkWriteOrigin("GET", "/", "https://evil.test", "shop.test")).toEqual({ allowed: true });
  });
});

describe("framing", () => {
  it("is forbidden everywhere except widgets", () => {
    expect(contentSecurityPolicy("n", { embed: false, dev: false })).toContain("frame-ancestors 'none'");
    expect(contentSecurityPolicy("n", { embed: true, dev: false })).toContain("frame-ancestors *");
    expect(isEmbedPath("/embed/release/1")).toBe(true);
    expect(isEmbedPath("/embedded-band")).toBe(false);
  });

  it("lets only scripts carrying this response's nonce run", () => {
    const csp = contentSecurityPolicy("abc", { embed: false, dev: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("object-src 'none'");
  });
});

describe("referrer policy", () => {
  it("sends no Referer from pages whose address is a secret, the usual policy elsewhere", () => {
    for (const path of [
      "/download/abc",
      "/library",
      "/library/open",
      "/library/123",
      "/checkout/success",
      "/checkout/test/test_x",
    ]) {
      expect(referrerPolicyFor(path), path).toBe("no-referrer");
    }
    for (const path of [
      "/",
      "/demo-band",
      "/demo-band/first-light",
      "/libraryband",
      "/downloads-band",
      "/dashboard/demo-band",
    ]) {
      expect(referrerPolicyFor(path), path).toBe("strict-origin-when-cross-origin");
    }
  });
});

describe("media-src with object storage", () => {
  const base = {
    STORAGE_DRIVER: "s3",
    S3_BUCKET: "band-audio",
    S3_REGION: "eu-west-3",
    S3_ENDPOINT: undefined,
    S3_FORCE_PATH_STYLE: false,
    CDN_BASE_URL: undefined,
  } as const;

  it("lets audio come from the bucket or the CDN the stream route redirects to, and nothing more locally", () => {
    expect(storageMediaOrigins({ ...base, STORAGE_DRIVER: "local" })).toEqual([]);
    expect(storageMediaOrigins(base)).toEqual([
      "https://band-audio.s3.eu-west-3.amazonaws.com",
      "https://s3.eu-west-3.amazonaws.com",
    ]);
    expect(storageMediaOrigins({ ...base, S3_ENDPOINT: "http://127.0.0.1:9000", S3_FORCE_PATH_STYLE: true })).toEqual([
      "http://127.0.0.1:9000",
    ]);
    expect(storageMediaOrigins({ ...base, S3_ENDPOINT: "https://fr-par.scw.cloud/" })).toEqual([
      "https://band-audio.fr-par.scw.cloud",
    ]);
    expect(storageMediaOrigins({ ...base, CDN_BASE_URL: "https://d111111abcdef8.cloudfront.net/audio" })).toEqual([
      "https://d111111abcdef8.cloudfront.net",
    ]);
  });
});
