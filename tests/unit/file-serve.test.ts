import { describe, expect, it } from "vitest";
import { fastFileToken, planFile } from "@/lib/storage/file-serve";

const token = `${"e30".repeat(3)}.${"A".repeat(43)}`;

describe("the /api/files fast path", () => {
  it("takes GET and HEAD of a well-formed token only; anything else goes to Next", () => {
    expect(fastFileToken("GET", `/api/files/${token}`)).toBe(token);
    expect(fastFileToken("HEAD", `/api/files/${token}`)).toBe(token);
    for (const [method, url] of [
      ["POST", `/api/files/${token}`],
      ["GET", `/api/files/${token}/`],
      ["GET", `/api/files/${token}?x=1`],
      ["GET", `/api/files/${token.replace(".", "%2E")}`],
      ["GET", "/api/files/"],
      ["GET", `/api/stream/${token}`],
      ["GET", undefined],
    ] as const) {
      expect(fastFileToken(method, url), `${method} ${url}`).toBeNull();
    }
  });

  it("refuses other methods and malformed or forged tokens with a short text and no storage read", async () => {
    const none = () => null;
    const post = await planFile("POST", token, none);
    expect(post).toMatchObject({ status: 405, headers: { Allow: "GET, HEAD", "Cache-Control": "private, no-store" } });
    const malformed = await planFile("GET", "nope", none);
    expect(malformed.status).toBe(404);
    expect(malformed.body).toBeUndefined();
    const forged = await planFile("GET", token, none);
    expect(forged).toMatchObject({ status: 403, headers: { "X-Robots-Tag": "noindex" } });
    expect(forged.body).toBeUndefined();
    expect(forged.text).toMatch(/altered/);
  });
});
