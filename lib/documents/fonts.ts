import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * Noto Sans (Latin with its extensions, Greek, Cyrillic, Vietnamese) and Noto Sans JP for the
 * Japanese, Chinese and Korean a band name or title may hold; both are TTF files inside npm
 * packages (SIL Open Font License 1.1, nothing fetched at install). pdfkit embeds only the
 * glyphs a document uses. Read from the checkout's node_modules, not bundled: Next must not
 * inline 5 MB fonts, and pdfkit is a server external package (next.config.ts).
 */
const FILES = {
  regular: "@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf",
  bold: "@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf",
  cjk: "@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf",
  cjkBold: "@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf",
} as const;

export type FontName = keyof typeof FILES;

const loaded = new Map<FontName, Buffer>();

export function fontData(name: FontName): Buffer {
  let data = loaded.get(name);
  if (!data) {
    data = readFileSync(path.join(process.cwd(), "node_modules", FILES[name]));
    loaded.set(name, data);
  }
  return data;
}

export const FONT_NAMES = Object.keys(FILES) as FontName[];

/**
 * Splits text into runs for the Latin font or the CJK one: CJK scripts, their punctuation and
 * full-width forms go to Noto Sans JP, everything else to Noto Sans.
 */
export function fontRuns(text: string): { cjk: boolean; text: string }[] {
  const runs: { cjk: boolean; text: string }[] = [];
  for (const char of text) {
    const cjk = isCjk(char.codePointAt(0)!);
    const last = runs[runs.length - 1];
    if (last && last.cjk === cjk) last.text += char;
    else runs.push({ cjk, text: char });
  }
  return runs;
}

function isCjk(cp: number): boolean {
  return (
    (cp >= 0x2e80 && cp <= 0x9fff) || // radicals, CJK punctuation, kana, Bopomofo, Hangul compat., CJK ideographs
    (cp >= 0xac00 && cp <= 0xd7af) || // Hangul syllables
    (cp >= 0xf900 && cp <= 0xfaff) || // CJK compatibility ideographs
    (cp >= 0xff00 && cp <= 0xffef) || // full-width and half-width forms
    (cp >= 0x20000 && cp <= 0x3ffff) // CJK extensions B and later
  );
}
