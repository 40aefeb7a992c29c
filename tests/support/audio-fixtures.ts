import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** Audio made on the spot with Debian's ffmpeg (nothing downloaded). */
export function makeAudioDir() {
  return mkdtempSync(path.join(tmpdir(), "merchtable-fixtures-"));
}

function ffmpeg(args: string[]) {
  const result = spawnSync("ffmpeg", ["-v", "error", "-y", ...args]);
  if (result.status !== 0) throw new Error(`ffmpeg ${args.join(" ")}: ${result.stderr}`);
}

/** A stereo 44.1 kHz sine tone in the given container ("wav", "flac", "mp3", "aiff", "alac.m4a", "aac.m4a"). */
export function tone(dir: string, name: string, kind: string, seconds = 3, frequency = 440, title?: string) {
  const file = path.join(dir, `${name}.${kind.split(".").pop()}`);
  const codec: Record<string, string[]> = {
    wav: ["-c:a", "pcm_s16le"],
    flac: ["-c:a", "flac"],
    mp3: ["-c:a", "libmp3lame", "-b:a", "192k"],
    aiff: ["-c:a", "pcm_s16be"],
    "alac.m4a": ["-c:a", "alac"],
    "aac.m4a": ["-c:a", "aac"],
  };
  ffmpeg([
    "-f",
    "lavfi",
    "-i",
    `sine=frequency=${frequency}:duration=${seconds}:sample_rate=44100`,
    "-ac",
    "2",
    ...(title ? ["-metadata", `title=${title}`] : []),
    ...codec[kind],
    file,
  ]);
  return file;
}

/** The first half of a real file: a master that stops early. */
export function truncated(source: string, target: string) {
  writeFileSync(target, readFileSync(source).subarray(0, Math.floor(statSync(source).size / 2)));
  return target;
}

/** A PNG given an audio name. */
export function pngNamedWav(dir: string) {
  const file = path.join(dir, "song.wav");
  ffmpeg(["-f", "lavfi", "-i", "color=c=blue:s=32x32", "-frames:v", "1", "-f", "image2", "-c:v", "png", file]);
  return file;
}

export function emptyFile(dir: string, name = "empty.flac") {
  const file = path.join(dir, name);
  writeFileSync(file, "");
  return file;
}

/** Seconds of audio a file really holds, read by ffprobe. */
export function durationOf(file: string) {
  const result = spawnSync("ffprobe", ["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", file]);
  return Number.parseFloat(result.stdout.toString());
}

export function tagsOf(file: string): Record<string, string> {
  const result = spawnSync("ffprobe", ["-v", "error", "-show_entries", "format_tags:stream_tags", "-of", "json", file]);
  const json = JSON.parse(result.stdout.toString()) as {
    format?: { tags?: Record<string, string> };
    streams?: { tags?: Record<string, string> }[];
  };
  const all = { ...Object.assign({}, ...(json.streams ?? []).map((s) => s.tags ?? {})), ...(json.format?.tags ?? {}) };
  return Object.fromEntries(Object.entries(all).map(([k, v]) => [k.toLowerCase(), String(v)]));
}
