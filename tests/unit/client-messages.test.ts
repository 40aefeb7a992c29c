import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { messages } from "@/lib/i18n/messages";
import { pickMessages } from "@/lib/i18n/pick";

/**
 * Client components get only the message namespaces a <ClientMessages namespaces={…}> around them
 * gives (components/i18n/client-messages.tsx). This walks the source: every "use client" file's
 * useTranslations namespaces (with those of the client files it imports), up through the server
 * files that render it, to the ClientMessages of that file, of a server component rendering it, or
 * of a layout above the route; a namespace nobody gives would show raw keys on the page.
 */
const root = path.resolve(import.meta.dirname, "../..");
const SOURCE_DIRS = ["app", "components"];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return walk(file);
    return /\.tsx?$/.test(name) ? [file] : [];
  });
}

const files = SOURCE_DIRS.flatMap((dir) => walk(path.join(root, dir)));
const source = new Map(files.map((file) => [file, readFileSync(file, "utf8")]));
const isClient = (file: string) => /^\s*["']use client["']/.test(source.get(file) ?? "");

function resolveImport(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/")
    ? path.join(root, specifier.slice(2))
    : specifier.startsWith(".")
      ? path.resolve(path.dirname(from), specifier)
      : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.tsx`, `${base}.ts`, path.join(base, "index.ts")])
    if (source.has(candidate)) return candidate;
  return null;
}

function imports(file: string): string[] {
  return [...(source.get(file) ?? "").matchAll(/^import\s[^;]*?from\s+"([^"]+)"/gm)]
    .filter((m) => !m[0].startsWith("import type"))
    .map((m) => resolveImport(file, m[1]))
    .filter((f): f is string => f !== null);
}

/** Namespaces one file asks for: useTranslations("ns"), or the first segment of each key of useTranslations(). */
function ownNeeds(file: string): string[] {
  const text = source.get(file) ?? "";
  const needs = [...text.matchAll(/useTranslations\("([^"]+)"\)/g)].map((m) => m[1]);
  const bare = /(\w+)\s*=\s*useTranslations\(\)/.exec(text);
  if (bare) for (const m of text.matchAll(new RegExp(`\\b${bare[1]}\\((?:"|\`)([\\w]+)[.\\w]*`, "g"))) needs.push(m[1]);
  return needs;
}

/** A client file's needs with those of the client files it imports (they render inside it). */
function clientNeeds(file: string, seen = new Set<string>()): Set<string> {
  const needs = new Set(ownNeeds(file));
  seen.add(file);
  for (const dep of imports(file))
    if (!seen.has(dep) && isClient(dep)) for (const need of clientNeeds(dep, seen)) needs.add(need);
  return needs;
}

/** Namespaces a file gives with <ClientMessages namespaces={[...]}>, and for a route file, its layouts above. */
function given(file: string): string[] {
  const own = [...(source.get(file) ?? "").matchAll(/<ClientMessages\s+namespaces=\{\[([^\]]*)\]\}/g)].flatMap((m) =>
    [...m[1].matchAll(/"([^"]+)"/g)].map((n) => n[1]),
  );
  if (!file.startsWith(path.join(root, "app"))) return own;
  const layouts: string[] = [];
  for (let dir = path.dirname(file); dir.startsWith(path.join(root, "app")); dir = path.dirname(dir)) {
    const layout = path.join(dir, "layout.tsx");
    if (layout !== file && existsSync(layout)) layouts.push(...given(layout));
  }
  return [...own, ...layouts];
}

const covers = (provided: string[], need: string) => provided.some((p) => need === p || need.startsWith(`${p}.`));

const importers = (file: string) => files.filter((f) => imports(f).includes(file));

/** Needs left uncovered on every path from `file` up to a route or layout that has no importer. */
function uncovered(file: string, needs: string[], trail: string[] = []): string[] {
  const missing = needs.filter((need) => !covers(given(file), need));
  if (!missing.length) return [];
  const from = importers(file).filter((f) => !isClient(f) && !trail.includes(f));
  const where = path.relative(root, file);
  if (!from.length) return missing.map((need) => `${need} (not given above ${[where, ...trail].join(" ← ")})`);
  return from.flatMap((f) => uncovered(f, missing, [where, ...trail]));
}

describe("client components' messages", () => {
  const clientFiles = files.filter(isClient);

  it("finds the client components that translate (the walk itself works)", () => {
    const picker = path.join(root, "components/downloads/format-picker.tsx");
    expect(clientNeeds(picker)).toEqual(new Set(["downloads.page"]));
    expect(clientFiles.filter((f) => ownNeeds(f).length).length).toBeGreaterThan(20);
  });

  it("every namespace a client component uses is given to it by a ClientMessages above it", () => {
    const problems = clientFiles.flatMap((client) => {
      const needs = [...clientNeeds(client)];
      if (!needs.length) return [];
      return importers(client)
        .filter((f) => !isClient(f))
        .flatMap((server) => uncovered(server, needs).map((p) => `${path.relative(root, client)}: ${p}`));
    });
    expect(problems).toEqual([]);
  });

  it("every namespace a ClientMessages names exists in both languages", () => {
    const named = new Set(files.flatMap(given));
    expect(named.size).toBeGreaterThan(0);
    for (const locale of ["en", "fr"] as const)
      expect(() => pickMessages(messages[locale], [...named]), locale).not.toThrow();
  });

  it("the root layout gives client components no messages", () => {
    const layout = source.get(path.join(root, "app/layout.tsx")) ?? "";
    expect(layout).not.toMatch(/<NextIntlClientProvider|<ClientMessages\s/);
  });
});

describe("picking messages for the client", () => {
  const catalogue = { player: { play: "Play" }, downloads: { library: { title: "Library" }, page: { x: "y" } } };

  it("keeps each namespace at its place in the tree", () => {
    expect(pickMessages(catalogue, ["player", "downloads.library"])).toEqual({
      player: { play: "Play" },
      downloads: { library: { title: "Library" } },
    });
  });

  it("refuses a namespace that does not exist", () => {
    expect(() => pickMessages(catalogue, ["downloads.nope"])).toThrow(/No messages under "downloads.nope"/);
  });
});
