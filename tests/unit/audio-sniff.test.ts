import { describe, expect, it } from "vitest";
import { sniffAudio } from "@/lib/audio/sniff";

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : Buffer.from(p))));

describe("recognising a master by its bytes", () => {
  it("knows WAV, FLAC, AIFF, MP4/ALAC and MP3 (with or without ID3)", () => {
    expect(sniffAudio(bytes("RIFF", [0, 0, 0, 0], "WAVEfmt "))).toEqual({ ok: true, container: "wav" });
    expect(sniffAudio(bytes("fLaC", [0, 0, 0, 34]))).toEqual({ ok: true, container: "flac" });
    expect(sniffAudio(bytes("FORM", [0, 0, 0, 0], "AIFF"))).toEqual({ ok: true, container: "aiff" });
    expect(sniffAudio(bytes("FORM", [0, 0, 0, 0], "AIFC"))).toEqual({ ok: true, container: "aiff" });
    expect(sniffAudio(bytes([0, 0, 0, 32], "ftypM4A ", [0, 0, 0, 0]))).toEqual({ ok: true, container: "alac" });
    expect(sniffAudio(bytes("ID3", [4, 0, 0]))).toEqual({ ok: true, container: "mp3" });
    expect(sniffAudio(bytes([0xff, 0xfb, 0x90, 0x64]))).toEqual({ ok: true, container: "mp3" });
  });

  it("names what a refused file looks like", () => {
    expect(sniffAudio(bytes([0x89], "PNG\r\n", [0x1a, 0x0a]))).toEqual({ ok: false, looksLike: "PNG image" });
    expect(sniffAudio(bytes([0xff, 0xd8, 0xff, 0xe0]))).toEqual({ ok: false, looksLike: "JPEG image" });
    expect(sniffAudio(bytes("%PDF-1.7\n"))).toEqual({ ok: false, looksLike: "PDF document" });
    expect(sniffAudio(bytes("PK", [3, 4], "zipzip"))).toEqual({ ok: false, looksLike: "ZIP archive" });
    expect(sniffAudio(bytes("RIFF", [0, 0, 0, 0], "WEBPVP8 "))).toEqual({ ok: false, looksLike: "WebP image" });
    expect(sniffAudio(bytes("<!DOCTYPE html><html>"))).toEqual({ ok: false, looksLike: "web page" });
    expect(sniffAudio(bytes("Verse 1: la la la\nChorus\n"))).toEqual({ ok: false, looksLike: "text file" });
    expect(sniffAudio(Buffer.alloc(0))).toEqual({ ok: false, looksLike: null });
    expect(sniffAudio(Buffer.from([1, 2, 3, 4, 0, 0, 0, 9]))).toEqual({ ok: false, looksLike: null });
  });
});
