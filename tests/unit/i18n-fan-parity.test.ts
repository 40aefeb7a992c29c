import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BACK_OFFICE_NAMESPACES, FAN_NAMESPACES, type FanArea } from "@/lib/i18n/fan-namespaces";
import { messages } from "@/lib/i18n/messages";
import { pickMessages } from "@/lib/i18n/pick";

/**
 * German and Spanish translate exactly the fan-facing namespaces (lib/i18n/fan-namespaces.ts).
 * Read from disk, so a key another change adds to an English file fails here by name until it is
 * translated: "checkout.de.json is missing cart.vatLine".
 */
const DIR = path.join(process.cwd(), "lib/i18n/messages");
const file = (area: FanArea, locale: string) => (area === "site" ? `${locale}.json` : `${area}.${locale}.json`);
const read = (name: string) => JSON.parse(readFileSync(path.join(DIR, name), "utf8")) as Record<string, unknown>;

type Leaves = Map<string, string>;
function leaves(tree: unknown, prefix = "", into: Leaves = new Map()): Leaves {
  if (typeof tree === "string") into.set(prefix, tree);
  else if (tree && typeof tree === "object")
    for (const [key, value] of Object.entries(tree)) leaves(value, prefix ? `${prefix}.${key}` : key, into);
  return into;
}

/** The index just past the "}" that closes the "{" at `open`. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return i + 1;
  }
  return text.length;
}

/**
 * The arguments an ICU message takes: "{band}", "{count, plural, one {# {kind}} …}" → band, count,
 * kind; a plural or select branch's own words ("=0 {sold out}") are not arguments.
 */
function argumentsIn(text: string, into = new Set<string>()): Set<string> {
  let i = text.indexOf("{");
  while (i !== -1) {
    const end = closing(text, i);
    const [name, type, ...rest] = text.slice(i + 1, end - 1).split(",");
    into.add(name.trim());
    if (["plural", "select", "selectordinal"].includes(type?.trim() ?? "")) {
      const branches = rest.join(",");
      for (let b = branches.indexOf("{"); b !== -1;) {
        const after = closing(branches, b);
        argumentsIn(branches.slice(b + 1, after - 1), into);
        b = branches.indexOf("{", after);
      }
    }
    i = text.indexOf("{", end);
  }
  return into;
}
const argumentsOf = (message: string) => [...argumentsIn(message)].sort().join(",");

/** Same in every language (names, formats, a lone placeholder). */
const SAME_EVERYWHERE = new Set(["nav.dashboard", "embed.widget.position", "player.seek"]);

const areas = Object.keys(FAN_NAMESPACES) as FanArea[];

describe.each(["de", "es"])("the fan pages in %s", (locale) => {
  it.each(areas)("%s: has every fan-facing English key, and no other", (area) => {
    const english = leaves(pickMessages(read(file(area, "en")), FAN_NAMESPACES[area]));
    const translated = leaves(read(file(area, locale)));
    const missing = [...english.keys()].filter((key) => !translated.has(key));
    const extra = [...translated.keys()].filter((key) => !english.has(key));
    expect({ file: file(area, locale), missing, extra }).toEqual({ file: file(area, locale), missing: [], extra: [] });
  });

  it.each(areas)("%s: every message takes the same arguments as in English, and is translated", (area) => {
    const english = leaves(pickMessages(read(file(area, "en")), FAN_NAMESPACES[area]));
    const translated = leaves(read(file(area, locale)));
    const wrongArguments: string[] = [];
    const untranslated: string[] = [];
    for (const [key, text] of translated) {
      const source = english.get(key);
      if (source === undefined) continue;
      if (argumentsOf(source) !== argumentsOf(text))
        wrongArguments.push(`${key}: {${argumentsOf(text)}} instead of {${argumentsOf(source)}}`);
      if (source.length > 12 && source === text && !SAME_EVERYWHERE.has(key)) untranslated.push(key);
    }
    expect({ file: file(area, locale), wrongArguments, untranslated }).toEqual({
      file: file(area, locale),
      wrongArguments: [],
      untranslated: [],
    });
  });

  it("shows the fan pages in its language and everything else in English", () => {
    const all = messages[locale as "de" | "es"];
    expect(all.cart.title).not.toBe(messages.en.cart.title);
    expect(all.downloads.library.mail.subject).not.toBe(messages.en.downloads.library.mail.subject);
    // The band's dashboard is never half-translated: it is in English for a de/es catalogue.
    expect(all.dashboard).toEqual(messages.en.dashboard);
    expect(all.selling.orders).toEqual(messages.en.selling.orders);
    expect(leaves(all).size).toBe(leaves(messages.en).size);
  });
});

describe("the fan namespaces", () => {
  it("are all in English, in the area they are listed under", () => {
    for (const area of areas) expect(() => pickMessages(read(file(area, "en")), FAN_NAMESPACES[area])).not.toThrow();
  });

  it("and the back office's together cover every top-level namespace, once", () => {
    const fanTops = new Set(Object.values(FAN_NAMESPACES).flatMap((list) => list.map((ns) => ns.split(".")[0])));
    const backOffice = new Set<string>(BACK_OFFICE_NAMESPACES);
    const unplaced = Object.keys(messages.en).filter((top) => !fanTops.has(top) && !backOffice.has(top));
    const both = [...backOffice].filter((top) => fanTops.has(top));
    const unknown = [...backOffice].filter((top) => !(top in messages.en));
    expect({ unplaced, both, unknown }).toEqual({ unplaced: [], both: [], unknown: [] });
  });
});
