import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { audioKeys } from "@/lib/audio/formats";
import { processTrack } from "@/lib/audio/pipeline";
import { probeMaster } from "@/lib/audio/probe";
import { env } from "@/lib/env";
import { processImage } from "@/lib/images";
import { storage } from "@/lib/storage";
import type { Db } from "./client";
import { releases, tracks } from "./schema";

/**
 * The demo band's album: a few short pieces synthesised by ffmpeg on this machine (nothing is
 * downloaded), stored as FLAC masters and run through the real audio pipeline, so a fresh
 * `npm start` has a release fans can play from the first page load.
 */
export const DEMO_ALBUM = {
  slug: "first-light",
  title: "First Light",
  tracks: [
    // Chords (Hz) played as a slow arpeggio with a soft pluck envelope.
    {
      title: "Van at Dawn",
      seconds: 38,
      bpm: 84,
      chords: [
        [220, 277.18, 329.63],
        [196, 246.94, 293.66],
      ],
    },
    {
      title: "Merch Table Waltz",
      seconds: 34,
      bpm: 126,
      chords: [
        [261.63, 329.63, 392],
        [220, 261.63, 329.63],
        [174.61, 220, 261.63],
      ],
    },
    {
      title: "Soundcheck",
      seconds: 30,
      bpm: 100,
      chords: [
        [146.83, 220, 293.66],
        [164.81, 246.94, 329.63],
      ],
    },
    {
      title: "Last Train Home",
      seconds: 42,
      bpm: 72,
      chords: [
        [196, 246.94, 293.66],
        [164.81, 196, 246.94],
        [130.81, 164.81, 196],
      ],
    },
  ],
};

/** An aevalsrc expression: each beat plucks the next note of the current chord over a soft pad. */
function expression(bpm: number, chords: number[][]) {
  const beat = 60 / bpm;
  const bar = beat * 4;
  const chordAt = (i: number) => `eq(mod(floor(t/${bar}),${chords.length}),${i})`;
  const note = (k: number) => chords.map((c, i) => `${chordAt(i)}*${c[k]}`).join("+");
  const step = `mod(floor(t/${beat}),3)`;
  const freq = `(eq(${step},0)*(${note(0)})+eq(${step},1)*(${note(1)})+eq(${step},2)*(${note(2)}))`;
  const pluck = `0.32*exp(-3.2*mod(t,${beat}))*sin(2*PI*${freq}*2*t)`;
  const pad = `0.09*(${chords.map((c, i) => `${chordAt(i)}*(sin(2*PI*${c[0]}*t)+sin(2*PI*${c[1]}*t)+sin(2*PI*${c[2]}*t))`).join("+")})`;
  const fade = `min(1,t/1.5)`;
  // Commas separate filters in a filter graph: escape them inside the expression.
  return `${fade}*(${pluck}+${pad})`.replaceAll(",", "\\,");
}

function run(command: string, args: string[]) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} failed: ${stderr.slice(-400)}`)),
    );
  });
}

export async function cover() {
  const sharp = (await import("sharp")).default;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1400" height="1400">
    <defs><radialGradient id="sun" cx="0.5" cy="0.62" r="0.6">
      <stop offset="0" stop-color="#f6c453"/><stop offset="0.35" stop-color="#e07a3f"/><stop offset="1" stop-color="#2b1d3a"/>
    </radialGradient></defs>
    <rect width="1400" height="1400" fill="url(#sun)"/>
    <rect y="900" width="1400" height="500" fill="#1d1427" opacity="0.85"/>
    <text x="110" y="230" font-family="DejaVu Sans, sans-serif" font-size="120" font-weight="700" fill="#fff8ec">First Light</text>
    <text x="114" y="310" font-family="DejaVu Sans, sans-serif" font-size="56" fill="#fff8ec" opacity="0.8">The Demo Band</text>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

export async function seedDemoAlbum(db: Db, artistId: string) {
  const [existing] = await db
    .select({ id: releases.id })
    .from(releases)
    .where(and(eq(releases.artistId, artistId), eq(releases.slug, DEMO_ALBUM.slug)));
  if (existing) return;

  const releaseId = crypto.randomUUID();
  const art = await processImage(await cover(), "cover");
  let artworkKey: string | null = null;
  if (art.ok) {
    artworkKey = `artists/${artistId}/releases/${releaseId}/cover-demo`;
    for (const variant of art.variants)
      await storage().put(`${artworkKey}-${variant.suffix}.webp`, variant.data, "image/webp");
  }
  await db.insert(releases).values({
    id: releaseId,
    artistId,
    slug: DEMO_ALBUM.slug,
    title: DEMO_ALBUM.title,
    kind: "album",
    releaseDate: "2026-10-02",
    artworkKey,
    description:
      "Four short instrumentals recorded live in the van between two gigs. Synthesised on your machine when the demo shop was created, so you can try the player, the waveform and the downloads right away.",
    credits: "Written and played by The Demo Band.\nMixed by nobody in particular.",
    catalogNumber: "DEMO-001",
    status: "published",
    publishedAt: new Date(),
    pricingMode: "fixed",
    priceAmount: 700,
    currency: "EUR",
  });

  const dir = await mkdtemp(path.join(tmpdir(), "merchtable-demo-"));
  try {
    for (const [index, spec] of DEMO_ALBUM.tracks.entries()) {
      const trackId = crypto.randomUUID();
      const file = path.join(dir, `${index + 1}.flac`);
      await run(env().FFMPEG_PATH, [
        "-v",
        "error",
        "-f",
        "lavfi",
        "-i",
        `aevalsrc=${expression(spec.bpm, spec.chords)}:s=44100:d=${spec.seconds}`,
        "-af",
        `afade=t=out:st=${spec.seconds - 2}:d=2`,
        "-ac",
        "2",
        "-c:a",
        "flac",
        "-sample_fmt",
        "s16",
        file,
      ]);
      const probe = await probeMaster(file);
      if (!probe.ok) throw new Error(`demo track ${spec.title} could not be read: ${probe.reason}`);
      const masterKey = audioKeys.master(artistId, trackId, "flac");
      const { size } = await storage().putFromPath(masterKey, file, "audio/flac");
      await db.insert(tracks).values({
        id: trackId,
        releaseId,
        artistId,
        position: index + 1,
        title: spec.title,
        durationMs: probe.durationMs,
        masterKey,
        masterFilename: `${String(index + 1).padStart(2, "0")} ${spec.title}.flac`,
        masterSize: size,
        master: probe.info,
        status: "processing",
        streaming: "full",
        pricingMode: "fixed",
        priceAmount: 100,
      });
      await processTrack(db, trackId);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
