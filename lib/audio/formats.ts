/**
 * Download formats offered to fans. Lossless ones need a lossless master: a band that uploads an
 * MP3 is told its fans will not get FLAC/ALAC/WAV/AIFF for that track. ALAC plays in no browser,
 * so it is a download only (so is every format here; streaming uses its own rendition).
 */
export const DOWNLOAD_FORMATS = [
  { id: "mp3-320", label: "MP3 320", extension: "mp3", mime: "audio/mpeg", lossless: false },
  { id: "mp3-v0", label: "MP3 V0", extension: "mp3", mime: "audio/mpeg", lossless: false },
  { id: "flac", label: "FLAC", extension: "flac", mime: "audio/flac", lossless: true },
  { id: "aac", label: "AAC", extension: "m4a", mime: "audio/mp4", lossless: false },
  { id: "ogg", label: "Ogg Vorbis", extension: "ogg", mime: "audio/ogg", lossless: false },
  { id: "opus", label: "Opus", extension: "opus", mime: "audio/ogg", lossless: false },
  { id: "alac", label: "ALAC", extension: "m4a", mime: "audio/mp4", lossless: true },
  { id: "wav", label: "WAV", extension: "wav", mime: "audio/wav", lossless: true },
  { id: "aiff", label: "AIFF", extension: "aiff", mime: "audio/aiff", lossless: true },
] as const;

export type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number];
export type DownloadFormatId = DownloadFormat["id"];

export function isDownloadFormat(id: string): id is DownloadFormatId {
  return DOWNLOAD_FORMATS.some((f) => f.id === id);
}

export function downloadFormat(id: DownloadFormatId): DownloadFormat {
  return DOWNLOAD_FORMATS.find((f) => f.id === id)!;
}

/** Formats a track can be downloaded in: all of them from a lossless master, lossy ones otherwise. */
export function formatsFor(masterLossless: boolean): DownloadFormat[] {
  return DOWNLOAD_FORMATS.filter((f) => masterLossless || !f.lossless);
}

/** Formats a whole release offers: lossless only when every track's master is lossless. */
export function formatsForRelease(tracks: { masterLossless: boolean }[]): DownloadFormat[] {
  return formatsFor(tracks.length > 0 && tracks.every((t) => t.masterLossless));
}

/** Master files accepted at upload, recognised by their bytes. */
export const MASTER_CONTAINERS = ["wav", "flac", "aiff", "alac", "mp3"] as const;
export type MasterContainer = (typeof MASTER_CONTAINERS)[number];

/** Streaming rendition: MP3 128 kbps CBR, so a clip of N seconds is exactly N × 16000 bytes of audio. */
export const STREAM = { bitrateKbps: 128, mime: "audio/mpeg", extension: "mp3" } as const;

/** Storage keys, one place for all of them. */
export const audioKeys = {
  master: (artistId: string, trackId: string, extension: string) => `masters/${artistId}/${trackId}.${extension}`,
  /**
   * The pipeline names each rendition with a fresh `version`, so a key never changes content and
   * the bucket and the CDN may keep it for ever (IMMUTABLE). Rows from before it have none.
   */
  stream: (artistId: string, trackId: string, version?: string) =>
    version ? `streams/${artistId}/${trackId}-${version}.mp3` : `streams/${artistId}/${trackId}.mp3`,
  /** A clip track's own file: its first `seconds` (lib/audio/clip.ts), named anew each time it is cut. */
  clip: (artistId: string, trackId: string, seconds: number, version: string) =>
    `clips/${artistId}/${trackId}-${seconds}s-${version}.mp3`,
  download: (artistId: string, trackId: string, format: DownloadFormat) =>
    `downloads/${artistId}/${trackId}/${format.id}.${format.extension}`,
  downloadsPrefix: (artistId: string, trackId: string) => `downloads/${artistId}/${trackId}`,
};
