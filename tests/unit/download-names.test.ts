import { describe, expect, it } from "vitest";
import {
  albumZipFilename,
  contentDisposition,
  MAX_NAME_BYTES,
  safeFilename,
  trackFilename,
} from "@/lib/downloads/names";

// eslint-disable-next-line no-control-regex -- a name must hold no control character
const forbidden = /[<>:"/\\|?*\u0000-\u001f\u007f]/;

describe("download file names a fan can save on any computer", () => {
  it("names album tracks 'NN Artist - Title.ext' so they sort in album order", () => {
    expect(
      trackFilename({ position: 1, trackCount: 4, artist: "The Demo Band", title: "Van at Dawn", extension: "flac" }),
    ).toBe("01 The Demo Band - Van at Dawn.flac");
    expect(trackFilename({ position: 7, trackCount: 120, artist: "Long", title: "Set", extension: "mp3" })).toBe(
      "007 Long - Set.mp3",
    );
    expect(albumZipFilename({ artist: "The Demo Band", album: "First Light", formatLabel: "FLAC" })).toBe(
      "The Demo Band - First Light (FLAC).zip",
    );
  });

  it("removes the characters Windows refuses, keeping the name readable", () => {
    expect(safeFilename('AC/DC: "Live" at <Home>? * | back\\slash', "mp3")).toBe(
      "AC-DC 'Live' at Home - back-slash.mp3",
    );
    for (const name of ['a<b>c:d"e/f\\g|h?i*j', "tab\there", "new\nline", "nul\u0000byte", "del\u007f", "bell\u0007"]) {
      const safe = safeFilename(name, "flac");
      expect(safe, name).not.toMatch(forbidden);
      expect(safe.endsWith(".flac"), name).toBe(true);
    }
    expect(safeFilename("tab\there")).toBe("tab here");
  });

  it("drops bidi overrides that could disguise the extension", () => {
    expect(safeFilename("song\u202Egpj.exe", "mp3")).toBe("song gpj.exe.mp3");
  });

  it("never ends a name with a dot or a space, and never starts it with one (hidden files)", () => {
    expect(safeFilename("Wait...", "ogg")).toBe("Wait.ogg");
    expect(safeFilename("  trailing   ", "ogg")).toBe("trailing.ogg");
    expect(safeFilename(".hidden")).toBe("hidden");
    expect(safeFilename("...")).toBe("Untitled");
    expect(safeFilename("", "wav")).toBe("Untitled.wav");
    expect(safeFilename("???", "wav", { fallback: "Track 3" })).toBe("Track 3.wav");
  });

  it("steps around Windows device names, with or without an extension", () => {
    for (const name of ["CON", "con", "PRN", "AUX", "NUL", "COM1", "com9", "LPT1", "lpt3"]) {
      expect(safeFilename(name, "mp3"), name).toBe(`_${name}.mp3`);
    }
    expect(safeFilename("nul.tar", "gz")).toBe("_nul.tar.gz");
    expect(safeFilename("Console", "mp3")).toBe("Console.mp3");
    expect(safeFilename("CON job", "mp3")).toBe("CON job.mp3");
  });

  it("keeps every script and emoji, normalised to NFC", () => {
    const decomposed = "Be\u0301la Barto\u0301k";
    const safe = safeFilename(decomposed, "flac");
    expect(safe).toBe("Béla Bartók.flac");
    expect(safe).toBe(safe.normalize("NFC"));
    expect(safeFilename("東京 — Ночь 🌙", "opus")).toBe("東京 — Ночь 🌙.opus");
    expect(safeFilename("👩‍👩‍👧 family")).toBe("👩‍👩‍👧 family");
  });

  it("caps long names in bytes without splitting a character, keeping the extension", () => {
    const long = safeFilename("é".repeat(400), "flac");
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(MAX_NAME_BYTES + ".flac".length);
    expect(long.endsWith("é.flac")).toBe(true);
    const emoji = safeFilename("🎸".repeat(100));
    expect(Buffer.byteLength(emoji)).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect([...emoji].every((c) => c === "🎸")).toBe(true);
    // Cut just before a space: the trailing space goes too.
    expect(safeFilename(`${"a".repeat(MAX_NAME_BYTES - 1)} b`)).toBe("a".repeat(MAX_NAME_BYTES - 1));
  });

  it("sends an ASCII name for old clients and the exact UTF-8 name in filename*", () => {
    const header = contentDisposition("01 Sigur Rós - Svefn-g-englar (live) 'take'.flac");
    expect(header).toBe(
      `attachment; filename="01 Sigur Ros - Svefn-g-englar (live) 'take'.flac"; filename*=UTF-8''01%20Sigur%20R%C3%B3s%20-%20Svefn-g-englar%20%28live%29%20%27take%27.flac`,
    );
    const decoded = decodeURIComponent(header.split("filename*=UTF-8''")[1]);
    expect(decoded).toBe("01 Sigur Rós - Svefn-g-englar (live) 'take'.flac");
    expect(contentDisposition("東京 50%.mp3")).toContain('filename="__ 50_.mp3"');
  });
});
