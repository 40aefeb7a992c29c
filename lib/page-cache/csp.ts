import { createHash } from "node:crypto";

/** Script types a browser runs (an empty or missing type is JavaScript). */
const EXECUTABLE = new Set(["", "text/javascript", "application/javascript", "module"]);
const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const TYPE = /\btype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;
const SRC = /\bsrc\s*=/i;

/**
 * The base64 SHA-256 of every inline script of `html` a browser would run (Next's RSC payload and
 * bootstrap scripts), for a `script-src 'sha256-…'` list: external scripts (`src`) are allowed by
 * `'self'`, and data blocks (`application/ld+json`, `application/json`) never run, so neither
 * needs a hash. The hash is of the text between the tags, as the browser computes it.
 */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(SCRIPT)) {
    const attributes = match[1];
    if (SRC.test(attributes)) continue;
    const type = TYPE.exec(attributes);
    const value = (type?.[1] ?? type?.[2] ?? type?.[3] ?? "").trim().toLowerCase();
    if (!EXECUTABLE.has(value)) continue;
    hashes.add(createHash("sha256").update(match[2], "utf8").digest("base64"));
  }
  return [...hashes];
}
