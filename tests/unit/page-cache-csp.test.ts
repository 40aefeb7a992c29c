import { describe, expect, it } from "vitest";
import { hashedContentSecurityPolicy } from "@/lib/http/security";
import { inlineScriptHashes } from "@/lib/page-cache/csp";

describe("the cached pages' script policy", () => {
  it("lists the SHA-256 of each inline script a browser runs, and nothing else", () => {
    const html =
      `<html><head><script src="/_next/static/chunks/a.js" async=""></script>` +
      `<script type="application/ld+json">{"@type":"MusicAlbum"}</script></head>` +
      `<body><script>self.__next_f.push([1,"x"])</script>` +
      `<SCRIPT type="module">import "/y.js"</SCRIPT>` +
      `<script type="application/json" id="mt-data">{}</script>` +
      `<script>self.__next_f.push([1,"x"])</script></body></html>`;
    // By hand, outside Node: printf '%s' 'self.__next_f.push([1,"x"])' | openssl dgst -sha256 -binary | base64
    const byHand = "G8L1SiKTJMbDlG4FGFKHgqgbC5cAhf7b3dVem2cCN2c=";
    const moduleHash = "DsheYq109WYs3kC4Qht/JltxbwSW6Ubqkk1ibPvvHtI=";
    expect(inlineScriptHashes(html)).toEqual([byHand, moduleHash]);
  });

  it("is the pages' policy with hashes instead of a nonce: no unsafe-inline, no strict-dynamic", () => {
    const csp = hashedContentSecurityPolicy(["abc="], { embed: false });
    expect(csp).toContain("script-src 'self' 'sha256-abc='; ");
    expect(csp).not.toMatch(/unsafe-inline'[^;]*;.*script|strict-dynamic|nonce/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(hashedContentSecurityPolicy([], { embed: true })).toContain("frame-ancestors *");
    expect(hashedContentSecurityPolicy([], { embed: true })).toContain("script-src 'self'; ");
  });
});
