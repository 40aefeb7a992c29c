import { ffmpeg } from "./ffmpeg";
import { downloadFormat, type DownloadFormatId } from "./formats";
import { addMp3Lyrics } from "./id3-lyrics";

export type TrackTags = {
  title: string;
  artist: string;
  album: string;
  trackNumber: number;
  trackCount: number;
  year?: string;
  /** The band's lyrics for the track ("" for none). */
  lyrics?: string;
};

async function check(result: { code: number; stderr: string }, what: string) {
  if (result.code !== 0) throw new Error(`${what} failed: ${result.stderr.trim().split("\n").slice(-3).join(" ")}`);
}

/** The player's rendition: MP3 128 kbps CBR, 44.1 kHz stereo, no ID3/Xing, so bytes map to time (16000 B/s). */
export async function makeStream(input: string, output: string) {
  const result = await ffmpeg(
    [
      "-v",
      "error",
      "-i",
      input,
      "-map",
      "0:a:0",
      "-vn",
      "-map_metadata",
      "-1",
      "-ac",
      "2",
      "-ar",
      "44100",
      "-c:a",
      "libmp3lame",
      "-b:a",
      "128k",
      "-write_xing",
      "0",
      "-id3v2_version",
      "0",
      "-f",
      "mp3",
      output,
    ],
    { timeoutMs: 30 * 60_000 },
  );
  await check(result, "Making the streaming file");
}

/**
 * Waveform for the player: `count` peaks in 0..1, from an 8 kHz mono decode read as it streams
 * (a 10-minute track is 9.6 MB of PCM that is never held whole).
 */
export async function computePeaks(input: string, durationSeconds: number, count = 240): Promise<number[]> {
  const rate = 8000;
  const samplesPerPeak = Math.max(1, Math.floor((durationSeconds * rate) / count));
  const peaks: number[] = [];
  let current = 0;
  let inBucket = 0;
  let carry: Buffer | null = null;
  const result = await ffmpeg(
    ["-v", "error", "-i", input, "-map", "0:a:0", "-ac", "1", "-ar", String(rate), "-f", "s16le", "-"],
    {
      timeoutMs: 30 * 60_000,
      onStdout: (chunk) => {
        let data = carry ? Buffer.concat([carry, chunk]) : chunk;
        const usable = data.length - (data.length % 2);
        carry = usable < data.length ? data.subarray(usable) : null;
        data = data.subarray(0, usable);
        for (let i = 0; i < data.length; i += 2) {
          const value = Math.abs(data.readInt16LE(i)) / 32768;
          if (value > current) current = value;
          if (++inBucket === samplesPerPeak) {
            peaks.push(current);
            current = 0;
            inBucket = 0;
          }
        }
      },
    },
  );
  await check(result, "Reading the waveform");
  if (inBucket > 0) peaks.push(current);
  // Normalise so quiet masters still draw a readable waveform.
  const loudest = Math.max(...peaks, 0.0001);
  return peaks.slice(0, count).map((p) => Math.round((p / loudest) * 1000) / 1000);
}

const CODEC_ARGS: Record<DownloadFormatId, string[]> = {
  "mp3-320": ["-c:a", "libmp3lame", "-b:a", "320k", "-id3v2_version", "3"],
  "mp3-v0": ["-c:a", "libmp3lame", "-q:a", "0", "-id3v2_version", "3"],
  flac: ["-c:a", "flac", "-compression_level", "5"],
  aac: ["-c:a", "aac", "-b:a", "256k", "-movflags", "+faststart"],
  ogg: ["-c:a", "libvorbis", "-q:a", "6"],
  opus: ["-c:a", "libopus", "-b:a", "160k"],
  alac: ["-c:a", "alac", "-movflags", "+faststart"],
  wav: ["-c:a", "pcm_s16le"],
  aiff: ["-c:a", "pcm_s16be", "-write_id3v2", "1"],
};

/** Containers whose cover art ffmpeg can embed as an attached picture. */
const COVER_FORMATS = new Set<DownloadFormatId>(["mp3-320", "mp3-v0", "flac", "aac", "alac"]);

const LYRICS_TAG_FORMATS = new Set<DownloadFormatId>(["flac", "ogg", "opus", "aac", "alac"]);

/** A download file with tags (and the cover where the container holds one). */
export async function makeDownload(
  input: string,
  output: string,
  formatId: DownloadFormatId,
  tags: TrackTags,
  coverJpeg?: string | null,
) {
  const format = downloadFormat(formatId);
  const withCover = Boolean(coverJpeg) && COVER_FORMATS.has(formatId);
  const args = ["-v", "error", "-i", input];
  if (withCover) args.push("-i", coverJpeg!);
  args.push("-map", "0:a:0");
  if (withCover)
    args.push(
      "-map",
      "1:v:0",
      "-c:v",
      formatId === "flac" || formatId.startsWith("mp3") ? "copy" : "mjpeg",
      "-disposition:v:0",
      "attached_pic",
    );
  args.push("-map_metadata", "-1");
  const meta: Record<string, string | undefined> = {
    title: tags.title,
    artist: tags.artist,
    album_artist: tags.artist,
    album: tags.album,
    track: `${tags.trackNumber}/${tags.trackCount}`,
    date: tags.year,
  };
  // Lyrics: a Vorbis comment LYRICS in FLAC, Ogg and Opus, ©lyr in MP4; MP3 gets its USLT frame
  // after ffmpeg (./id3-lyrics.ts). WAV and AIFF carry none: their tags have no field for them.
  const lyrics = tags.lyrics?.trim() ? tags.lyrics : undefined;
  if (lyrics && LYRICS_TAG_FORMATS.has(formatId)) meta.lyrics = lyrics;
  for (const [key, value] of Object.entries(meta)) if (value) args.push("-metadata", `${key}=${value}`);
  args.push(
    ...CODEC_ARGS[formatId],
    "-f",
    formatId === "aac" || formatId === "alac" ? "ipod" : format.extension === "opus" ? "opus" : format.extension,
    output,
  );
  const result = await ffmpeg(args, { timeoutMs: 60 * 60_000 });
  await check(result, `Making ${format.label}`);
  if (lyrics && format.extension === "mp3") await addMp3Lyrics(output, lyrics);
}
