import type { MasterContainer } from "./formats";

/**
 * Recognises a master by its first bytes, never by its name. `looksLike` names what a refused
 * file seems to be, so the band reads "this is a PNG image" rather than "invalid file".
 */
export type SniffResult = { ok: true; container: MasterContainer } | { ok: false; looksLike: string | null };

const ascii = (bytes: Buffer, start: number, end: number) => bytes.subarray(start, end).toString("latin1");

export function sniffAudio(head: Buffer): SniffResult {
  if (head.length >= 12 && ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 12) === "WAVE")
    return { ok: true, container: "wav" };
  if (head.length >= 12 && ascii(head, 0, 4) === "RF64" && ascii(head, 8, 12) === "WAVE")
    return { ok: true, container: "wav" };
  if (ascii(head, 0, 4) === "fLaC") return { ok: true, container: "flac" };
  if (head.length >= 12 && ascii(head, 0, 4) === "FORM" && ["AIFF", "AIFC"].includes(ascii(head, 8, 12))) {
    return { ok: true, container: "aiff" };
  }
  // MP4 family: "ftyp" at offset 4. Only the codec (ALAC or AAC) tells lossless from lossy; the
  // probe checks it, and refuses AAC with its own message.
  if (head.length >= 12 && ascii(head, 4, 8) === "ftyp") {
    const brand = ascii(head, 8, 12);
    if (["M4A ", "M4B ", "mp42", "isom", "mp41", "M4V "].includes(brand)) return { ok: true, container: "alac" };
    return { ok: false, looksLike: "MP4 video" };
  }
  if (ascii(head, 0, 3) === "ID3") return { ok: true, container: "mp3" };
  // MPEG audio frame sync: 11 set bits, layer III.
  if (head.length >= 2 && head[0] === 0xff && (head[1] & 0xe0) === 0xe0 && (head[1] & 0x06) === 0x02) {
    return { ok: true, container: "mp3" };
  }
  return { ok: false, looksLike: describe(head) };
}

function describe(head: Buffer): string | null {
  if (head.length === 0) return null;
  const signatures: [string, (b: Buffer) => boolean][] = [
    ["PNG image", (b) => b[0] === 0x89 && ascii(b, 1, 4) === "PNG"],
    ["JPEG image", (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
    ["GIF image", (b) => ascii(b, 0, 4) === "GIF8"],
    ["WebP image", (b) => ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 12) === "WEBP"],
    ["PDF document", (b) => ascii(b, 0, 5) === "%PDF-"],
    ["ZIP archive", (b) => ascii(b, 0, 4) === "PK\u0003\u0004"],
    ["Ogg file", (b) => ascii(b, 0, 4) === "OggS"],
    ["video", (b) => b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3],
    ["web page", (b) => /^\s*<(!doctype html|html)/i.test(ascii(b, 0, 64))],
  ];
  for (const [name, test] of signatures) if (test(head)) return name;
  const sample = head.subarray(0, 512);
  const printable = sample.filter((c) => c === 9 || c === 10 || c === 13 || (c >= 32 && c < 127) || c >= 0xc2).length;
  return printable / sample.length > 0.95 ? "text file" : null;
}
