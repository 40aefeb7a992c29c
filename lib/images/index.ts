import sharp from "sharp";
import { env } from "@/lib/env";

export { ensureJpegCopy, jpegCopyKeys, jpegSourceKey, webpToJpeg } from "./jpeg";

/**
 * Artwork the bands upload is decoded and re-encoded here: only pixels survive (no EXIF, GPS or
 * embedded scripts), at the sizes the pages use.
 */
export type ImageKind = "avatar" | "banner" | "cover" | "post";

const presets: Record<ImageKind, { suffix: string; width: number; height: number }[]> = {
  avatar: [
    { suffix: "512", width: 512, height: 512 },
    { suffix: "128", width: 128, height: 128 },
  ],
  banner: [
    { suffix: "1600", width: 1600, height: 480 },
    { suffix: "800", width: 800, height: 240 },
  ],
  // Release artwork: square, stored as `${artworkKey}-${suffix}.webp`.
  cover: [
    { suffix: "1200", width: 1200, height: 1200 },
    { suffix: "600", width: 600, height: 600 },
    { suffix: "300", width: 300, height: 300 },
  ],
  // A picture in a band's news post (lib/news): kept whole, at most 1200 px either way.
  post: [{ suffix: "1200", width: 1200, height: 1200 }],
};

export const imageVariants = (kind: ImageKind) => presets[kind].map((p) => p.suffix);

export type ImageProblem =
  | { reason: "empty" }
  | { reason: "too_large"; sizeMb: number; maxMb: number }
  | { reason: "not_image"; looksLike: string | null }
  | { reason: "unreadable" };

/** `source`: the picture's own size as uploaded (upright), e.g. to warn about small artwork. */
export type ProcessedImage =
  | { ok: true; variants: { suffix: string; data: Buffer }[]; source: { width: number; height: number } }
  | ({ ok: false } & ImageProblem);

const signatures: { type: string; test: (b: Buffer) => boolean }[] = [
  { type: "jpeg", test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: "png", test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: "gif", test: (b) => b.subarray(0, 4).toString("latin1") === "GIF8" },
  {
    type: "webp",
    test: (b) => b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WEBP",
  },
  { type: "avif", test: (b) => b.subarray(4, 12).toString("latin1").startsWith("ftypavi") },
];

const otherKinds: { type: string; test: (b: Buffer) => boolean }[] = [
  { type: "PDF", test: (b) => b.subarray(0, 5).toString("latin1") === "%PDF-" },
  { type: "ZIP", test: (b) => b[0] === 0x50 && b[1] === 0x4b },
  {
    type: "audio (WAV)",
    test: (b) => b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WAVE",
  },
  { type: "audio (FLAC)", test: (b) => b.subarray(0, 4).toString("latin1") === "fLaC" },
  { type: "audio (MP3)", test: (b) => b.subarray(0, 3).toString("latin1") === "ID3" },
  { type: "SVG or HTML", test: (b) => /^\s*</.test(b.subarray(0, 64).toString("utf8")) },
  { type: "text", test: (b) => !b.subarray(0, 512).some((c) => c < 9) },
];

export function sniffImageType(bytes: Buffer): string | null {
  return signatures.find((s) => s.test(bytes))?.type ?? null;
}

export function describeNonImage(bytes: Buffer): string | null {
  return otherKinds.find((s) => s.test(bytes))?.type ?? null;
}

export function maxImageBytes() {
  return env().MAX_IMAGE_MB * 1024 * 1024;
}

export async function processImage(bytes: Buffer, kind: ImageKind): Promise<ProcessedImage> {
  if (bytes.length === 0) return { ok: false, reason: "empty" };
  if (bytes.length > maxImageBytes()) {
    return { ok: false, reason: "too_large", sizeMb: Math.ceil(bytes.length / 1024 / 1024), maxMb: env().MAX_IMAGE_MB };
  }
  if (!sniffImageType(bytes)) return { ok: false, reason: "not_image", looksLike: describeNonImage(bytes) };
  try {
    const meta = await sharp(bytes, { limitInputPixels: 40_000_000 }).metadata();
    // EXIF orientations 5–8 are quarter turns: the upright picture is the other way round.
    const turned = (meta.orientation ?? 1) >= 5;
    const source = {
      width: (turned ? meta.height : meta.width) ?? 0,
      height: (turned ? meta.width : meta.height) ?? 0,
    };
    const variants = await Promise.all(
      presets[kind].map(async (preset) => ({
        suffix: preset.suffix,
        data: await sharp(bytes, { limitInputPixels: 40_000_000, failOn: "error" })
          .rotate()
          .resize(
            preset.width,
            preset.height,
            kind === "post" ? { fit: "inside", withoutEnlargement: true } : { fit: "cover", position: "attention" },
          )
          .webp({ quality: 82 })
          .toBuffer(),
      })),
    );
    return { ok: true, variants, source };
  } catch {
    return { ok: false, reason: "unreadable" };
  }
}
