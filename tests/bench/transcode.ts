import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DOWNLOAD_FORMATS } from "@/lib/audio/formats";
import { computePeaks, makeDownload, makeStream } from "@/lib/audio/transcode";

/**
 * Transcoding speed: a five-minute 44.1 kHz stereo WAV (music-like: chords plus noise, made by
 * ffmpeg here) into the streaming rendition, the waveform and every download format, one at a
 * time (ffmpeg's audio encoders use one core). Prints seconds and × realtime. Target: MP3 320
 * ≥ 60× realtime. Run alone: `npx tsx tests/bench/transcode.ts`.
 */
const SECONDS = 300;

export async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), "merchtable-bench-transcode-"));
  try {
    const master = path.join(dir, "master.wav");
    const made = spawnSync("ffmpeg", [
      "-v",
      "error",
      "-y",
      "-f",
      "lavfi",
      "-i",
      `sine=frequency=220:duration=${SECONDS}`,
      "-f",
      "lavfi",
      "-i",
      `sine=frequency=277:duration=${SECONDS}`,
      "-f",
      "lavfi",
      "-i",
      `anoisesrc=color=pink:amplitude=0.1:duration=${SECONDS}`,
      "-filter_complex",
      "amix=inputs=3,aformat=sample_rates=44100:channel_layouts=stereo",
      "-c:a",
      "pcm_s16le",
      master,
    ]);
    if (made.status !== 0) throw new Error(`could not make the WAV: ${made.stderr}`);
    const tags = { title: "Bench", artist: "Merchtable", album: "Bench", trackNumber: 1, trackCount: 1, year: "2026" };
    const rows: [string, number, number][] = [];
    const time = async (label: string, work: () => Promise<unknown>, output?: string) => {
      const started = process.hrtime.bigint();
      await work();
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      rows.push([label, seconds, output ? statSync(output).size : 0]);
    };
    await time(
      "stream (MP3 128k CBR)",
      () => makeStream(master, path.join(dir, "stream.mp3")),
      path.join(dir, "stream.mp3"),
    );
    await time("waveform peaks", () => computePeaks(master, SECONDS));
    for (const format of DOWNLOAD_FORMATS) {
      const output = path.join(dir, `out-${format.id}.${format.extension}`);
      await time(format.label, () => makeDownload(master, output, format.id, tags, null), output);
    }
    console.log(`\nTranscoding a ${SECONDS / 60}-minute WAV (one ffmpeg at a time)`);
    console.log(`${"format".padEnd(24)}${"seconds".padStart(9)}${"× realtime".padStart(12)}${"size MB".padStart(10)}`);
    for (const [label, seconds, size] of rows) {
      console.log(
        `${label.padEnd(24)}${seconds.toFixed(2).padStart(9)}${(SECONDS / seconds).toFixed(0).padStart(11)}×${(size / 1e6).toFixed(1).padStart(10)}`,
      );
    }
    const mp3 = rows.find(([label]) => label === "MP3 320")!;
    console.log(
      `target: MP3 320 ≥ 60× realtime — measured ${(SECONDS / mp3[1]).toFixed(0)}× (${SECONDS / mp3[1] >= 60 ? "met" : "NOT met"})`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith("transcode.ts")) void main();
