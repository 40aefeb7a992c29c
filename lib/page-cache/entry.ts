import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import { baselineHeaders, hashedContentSecurityPolicy } from "@/lib/http/security";
import { inlineScriptHashes } from "./csp";
import type { Stored } from "./store";

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

export type Encoding = "br" | "gzip" | "identity";
/** One encoding of a copy: its bytes and every header that never changes between hits. */
export type Variant = { body: Buffer; headers: string[]; etag: string };
export type Entry = Stored & {
  status: 200 | 404;
  variants: Record<Encoding, Variant>;
  /** Every ETag of the copy: a browser holding any encoding of these bytes is up to date. */
  etags: string[];
  vary: string;
};

/** What a render answered, as the cache received it. */
export type Rendered = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };

/** Headers of the render kept on the copy; the rest is the cache's to set (caching, security, length). */
const KEPT = ["content-type", "content-language", "access-control-allow-origin", "link", "x-robots-tag"];
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml))/;

function keptHeaders(rendered: Rendered): string[] {
  const pairs: string[] = [];
  for (const name of KEPT) {
    const value = rendered.headers[name];
    if (value !== undefined) pairs.push(name, Array.isArray(value) ? value.join(", ") : value);
  }
  return pairs;
}

/**
 * The security headers Next's proxy sends (lib/http/security.ts), with a policy that lets run only
 * this copy's own inline scripts: computed once per copy, not per request.
 */
function securityHeaders(html: string, embed: boolean): string[] {
  const pairs = ["Content-Security-Policy", hashedContentSecurityPolicy(inlineScriptHashes(html), { embed })];
  for (const [name, value] of Object.entries(baselineHeaders)) pairs.push(name, value);
  if (!embed) pairs.push("X-Frame-Options", "DENY");
  return pairs;
}

export async function buildEntry(input: {
  key: string;
  tags: readonly string[];
  rendered: Rendered;
  embed: boolean;
  vary: string;
  storedAt?: number;
}): Promise<Entry> {
  const { rendered } = input;
  const body = rendered.body;
  const hash = createHash("sha256").update(body).digest("base64url").slice(0, 32);
  const common = [...keptHeaders(rendered), ...securityHeaders(body.toString("utf8"), input.embed), "Vary", input.vary];
  const type = String(rendered.headers["content-type"] ?? "");
  const compress = COMPRESSIBLE.test(type) && body.length > 256;
  const [gz, br] = compress
    ? await Promise.all([
        gzipAsync(body, { level: 9 }),
        brotliAsync(body, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: 9,
            [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          },
        }),
      ])
    : [body, body];
  const variant = (bytes: Buffer, encoding: Encoding, etag: string): Variant => ({
    body: bytes,
    etag,
    headers: [
      ...common,
      "ETag",
      etag,
      "Content-Length",
      String(bytes.length),
      ...(encoding === "identity" || !compress ? [] : ["Content-Encoding", encoding]),
    ],
  });
  const variants = {
    identity: variant(body, "identity", `"${hash}"`),
    gzip: variant(gz, "gzip", compress ? `"${hash}-gz"` : `"${hash}"`),
    br: variant(br, "br", compress ? `"${hash}-br"` : `"${hash}"`),
  };
  return {
    key: input.key,
    tags: input.tags,
    status: rendered.status === 404 ? 404 : 200,
    storedAt: input.storedAt ?? Date.now(),
    bytes: body.length + (compress ? gz.length + br.length : 0) + input.key.length,
    variants,
    etags: [...new Set(Object.values(variants).map((v) => v.etag))],
    vary: input.vary,
  };
}
