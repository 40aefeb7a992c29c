import { readFile, writeFile } from "node:fs/promises";

/**
 * ffmpeg's MP3 muxer has no way to write unsynchronised lyrics: given `-metadata lyrics=…` it
 * writes a TXXX frame named "USLT", which players ignore. This adds the real USLT frame (ID3v2.4,
 * UTF-8, language "und") to the tag ffmpeg wrote, or puts a tag in front when there is none.
 */
const syncsafe = (n: number) => Buffer.from([(n >>> 21) & 0x7f, (n >>> 14) & 0x7f, (n >>> 7) & 0x7f, n & 0x7f]);
const readSyncsafe = (b: Buffer, at: number) =>
  ((b[at] & 0x7f) << 21) | ((b[at + 1] & 0x7f) << 14) | ((b[at + 2] & 0x7f) << 7) | (b[at + 3] & 0x7f);

export function usltFrame(lyrics: string): Buffer {
  const body = Buffer.concat([Buffer.from([3]), Buffer.from("und", "latin1"), Buffer.from([0]), Buffer.from(lyrics)]);
  return Buffer.concat([Buffer.from("USLT", "latin1"), syncsafe(body.length), Buffer.from([0, 0]), body]);
}

export function withLyricsFrame(file: Buffer, lyrics: string): Buffer {
  const frame = usltFrame(lyrics);
  // An ID3v2.4 tag without unsynchronisation, extended header or footer: the frame goes first in it.
  if (file.length >= 10 && file.toString("latin1", 0, 3) === "ID3" && file[3] === 4 && file[5] === 0) {
    const size = readSyncsafe(file, 6);
    return Buffer.concat([file.subarray(0, 6), syncsafe(size + frame.length), frame, file.subarray(10)]);
  }
  const header = Buffer.concat([Buffer.from("ID3", "latin1"), Buffer.from([4, 0, 0]), syncsafe(frame.length)]);
  return Buffer.concat([header, frame, file]);
}

export async function addMp3Lyrics(path: string, lyrics: string) {
  await writeFile(path, withLyricsFrame(await readFile(path), lyrics));
}
