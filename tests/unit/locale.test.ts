import { describe, expect, it } from "vitest";
import { parseEmbedOptions } from "@/lib/embed/options";
import { BACK_OFFICE_LOCALES, backOfficeLocale, negotiateLocale } from "@/lib/i18n/config";
import { messages } from "@/lib/i18n/messages";

const { en, fr } = messages;

function keys(tree: object, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === "object" ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe("the visitor's language", () => {
  it("follows the browser's Accept-Language, honouring preferences", () => {
    expect(negotiateLocale("fr-FR,fr;q=0.9,en;q=0.8")).toBe("fr");
    expect(negotiateLocale("de-DE,de;q=0.9,fr;q=0.5,en;q=0.4")).toBe("de");
    expect(negotiateLocale("en;q=0.3,fr;q=0.7")).toBe("fr");
    expect(negotiateLocale("de,es")).toBe("de");
    expect(negotiateLocale("de-AT")).toBe("de");
    expect(negotiateLocale("es-MX,es;q=0.9,en;q=0.5")).toBe("es");
    expect(negotiateLocale("it-IT,es;q=0.8,de;q=0.9")).toBe("de");
    expect(negotiateLocale("pt-BR,it")).toBe("en");
    expect(negotiateLocale("fr;q=0")).toBe("en");
    expect(negotiateLocale(null)).toBe("en");
  });

  it("in the back office, a German or Spanish browser gets its next English or French choice", () => {
    expect(negotiateLocale("de-DE,de;q=0.9,fr;q=0.5,en;q=0.4", BACK_OFFICE_LOCALES)).toBe("fr");
    expect(negotiateLocale("es-MX,es;q=0.9", BACK_OFFICE_LOCALES)).toBe("en");
    expect(backOfficeLocale("de")).toBe("en");
    expect(backOfficeLocale("fr")).toBe("fr");
    expect(backOfficeLocale(null)).toBe("en");
  });

  it("has every English string translated into French", () => {
    expect(keys(fr).sort()).toEqual(keys(en).sort());
    const untranslated = keys(en).filter((k) => {
      const get = (tree: object) =>
        k.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree);
      const value = get(en) as string;
      return value.length > 12 && value === get(fr);
    });
    expect(untranslated).toEqual([]);
  });
});

describe("a widget's language", () => {
  it("takes ?lang= in any fan language, else the visitor's browser", () => {
    const lang = (query: string, acceptLanguage: string | null) =>
      parseEmbedOptions(new URLSearchParams(query), acceptLanguage).lang;
    expect(lang("lang=de", "fr-FR")).toBe("de");
    expect(lang("lang=es", null)).toBe("es");
    expect(lang("lang=xx", "de-AT,de;q=0.9")).toBe("de");
    expect(lang("", "es-MX")).toBe("es");
    expect(lang("", "it-IT")).toBe("en");
  });
});
