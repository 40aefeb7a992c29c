import sharp from "sharp";
import { storage, type StoredFile } from "@/lib/storage";

/**
 * JPEG copies of the stored WebP renditions, for what refuses WebP (some sites' link previews
 * read og:image only as JPEG or PNG). `<base>-<size>.jpg` is made from `<base>-<size>.webp` on
 * its first request and kept beside it, so old uploads get one without a migration and sharp runs
 * once per picture. Deleting a picture deletes its copies (jpegCopyKeys).
 */
const JPEG_KEY = /^(artists\/.+-\d+)\.jpg$/;

/** The WebP rendition a JPEG key is made from, or null for a key that names no rendition. */
export function jpegSourceKey(key: string): string | null {
  const match = JPEG_KEY.exec(key);
  return match ? `${match[1]}.webp` : null;
}

/** The JPEG copies a picture stored under `base` with these size suffixes may have. */
export const jpegCopyKeys = (base: string, suffixes: string[]) => suffixes.map((suffix) => `${base}-${suffix}.jpg`);

export function webpToJpeg(webp: Buffer): Promise<Buffer> {
  // White under transparent pixels rather than JPEG's black.
  return sharp(webp, { failOn: "error" })
    .flatten({ background: "#ffffff" })
    .jpeg({ quality: 86, mozjpeg: true })
    .toBuffer();
}

async function readAll(key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await storage().read(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A burst of first requests for one picture (a link shared in a busy chat) converts it once. */
const converting = new Map<string, Promise<StoredFile | null>>();

/** The stored JPEG copy under `key`, made now if missing; null when there is no such rendition. */
export async function ensureJpegCopy(key: string): Promise<StoredFile | null> {
  const source = jpegSourceKey(key);
  if (!source) return null;
  const existing = await storage().stat(key);
  if (existing) return existing;
  let pending = converting.get(key);
  if (!pending) {
    pending = (async () => {
      if (!(await storage().stat(source))) return null;
      await storage().put(key, await webpToJpeg(await readAll(source)), "image/jpeg");
      return storage().stat(key);
    })().finally(() => converting.delete(key));
    converting.set(key, pending);
  }
  return pending;
}
