import { open, stat } from "node:fs/promises";
import { parseFile, type ICommonTagsResult } from "music-metadata";
import type { MasterInfo } from "@/db/schema";
import { ffmpeg, ffprobe } from "./ffmpeg";
import { sniffAudio } from "./sniff";

export type MasterTags = { title?: string; artist?: string; album?: string; trackNumber?: number; isrc?: string };
export type ProbeProblem = "empty" | "not_audio" | "lossy_aac" | "truncated" | "unreadable";
export type ProbeResult =
  | { ok: true; info: MasterInfo; durationMs: number; tags: MasterTags }
  | { ok: false; reason: ProbeProblem; looksLike?: string | null };

async function readHead(filePath: string) {
  const handle = await open(filePath, "r");
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

type FormatFacts = {
  codec?: string;
  duration?: number;
  sampleRate?: number;
  bitsPerSample?: number;
  numberOfChannels?: number;
  bitrate?: number;
};

async function ffprobeFormat(filePath: string): Promise<FormatFacts | null> {
  const result = await ffprobe([
    "-v",
    "error",
    "-select_streams",
    "a:0",
    "-show_entries",
    "stream=codec_name,sample_rate,channels,bits_per_sample,bit_rate:format=duration",
    "-of",
    "json",
    filePath,
  ]);
  if (result.code !== 0) return null;
  const json = JSON.parse(result.stdout.toString()) as {
    streams?: Record<string, string | number>[];
    format?: { duration?: string };
  };
  const stream = json.streams?.[0];
  if (!stream) return null;
  const num = (v: unknown) => (Number.isFinite(Number(v)) && Number(v) > 0 ? Number(v) : undefined);
  return {
    codec: String(stream.codec_name ?? ""),
    duration: num(json.format?.duration),
    sampleRate: num(stream.sample_rate),
    bitsPerSample: num(stream.bits_per_sample),
    numberOfChannels: num(stream.channels),
    bitrate: num(stream.bit_rate),
  };
}

/** Decodes the whole file (fast: hundreds of times realtime) and returns the seconds it really holds. */
async function decodedSeconds(filePath: string): Promise<{ seconds: number; errors: string } | null> {
  let progress = "";
  const result = await ffmpeg(
    ["-v", "error", "-i", filePath, "-map", "0:a:0", "-f", "null", "-progress", "pipe:1", "-nostats", "-"],
    {
      timeoutMs: 10 * 60_000,
      onStdout: (chunk) => (progress = (progress + chunk.toString()).slice(-2048)),
    },
  );
  const times = [...progress.matchAll(/out_time_us=(\d+)/g)];
  if (result.code !== 0 || times.length === 0) return null;
  return { seconds: Number(times.at(-1)![1]) / 1e6, errors: result.stderr.trim() };
}

/**
 * Reads a master: what it is (by its bytes), its tags and format, and whether it decodes to the
 * end. A file that stops early is "truncated", whatever its header promises.
 */
export async function probeMaster(filePath: string): Promise<ProbeResult> {
  const size = (await stat(filePath)).size;
  if (size === 0) return { ok: false, reason: "empty" };
  const sniffed = sniffAudio(await readHead(filePath));
  if (!sniffed.ok) return { ok: false, reason: "not_audio", looksLike: sniffed.looksLike };

  // Tags and format from music-metadata; ffprobe answers for what it cannot parse (some AIFF, and
  // a WAV written to a pipe whose header gives its sizes as 0).
  const metadata = await parseFile(filePath, { duration: true, skipCovers: true }).catch(() => null);
  const format = metadata?.format.sampleRate ? metadata.format : ((await ffprobeFormat(filePath)) ?? metadata?.format);
  if (!format) return { ok: false, reason: "unreadable" };
  const codec = (format.codec ?? "").toLowerCase();
  if (sniffed.container === "alac" && !codec.includes("alac")) {
    return codec.includes("aac")
      ? { ok: false, reason: "lossy_aac" }
      : { ok: false, reason: "not_audio", looksLike: "MP4 file" };
  }
  const decoded = await decodedSeconds(filePath);
  if (!decoded || decoded.seconds <= 0) return { ok: false, reason: "unreadable" };
  // The duration is always the decoded one: a header's (a streamed WAV says 0 or 4 GiB) can lie.
  const declared = format.duration ?? decoded.seconds;
  // Decoder errors, or a stream that ends well before its header says it should.
  if (decoded.errors || decoded.seconds < declared - 0.5) return { ok: false, reason: "truncated" };

  const lossless = sniffed.container !== "mp3";
  const common: Partial<ICommonTagsResult> = metadata?.common ?? {};
  return {
    ok: true,
    durationMs: Math.round(decoded.seconds * 1000),
    info: {
      container: sniffed.container,
      lossless,
      sampleRate: format.sampleRate ?? null,
      bitsPerSample: format.bitsPerSample ?? null,
      channels: format.numberOfChannels ?? null,
      bitrate: format.bitrate ? Math.round(format.bitrate) : null,
    },
    tags: {
      title: common.title?.trim() || undefined,
      artist: common.artist?.trim() || undefined,
      album: common.album?.trim() || undefined,
      trackNumber: common.track?.no ?? undefined,
      isrc: common.isrc?.[0],
    },
  };
}
