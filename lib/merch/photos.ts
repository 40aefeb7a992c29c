import { randomBytes } from "node:crypto";
import { imageUrl } from "@/lib/artists";
import { imageVariants, jpegCopyKeys, processImage, type ImageProblem } from "@/lib/images";
import { storage } from "@/lib/storage";

/** A photo as the band uploaded it: its bytes and the file name it had (for error messages). */
export type PhotoUpload = { name: string; bytes: Buffer };
export type PhotoProblem = ImageProblem & { name: string };
export type PreparedPhotos =
  { ok: true; photos: { suffix: string; data: Buffer }[][] } | { ok: false; problem: PhotoProblem };

/**
 * Decodes and re-encodes every photo before anything is stored, so one bad file refuses the
 * whole form and leaves nothing behind. Product photos use the square artwork sizes.
 */
export async function preparePhotos(uploads: PhotoUpload[]): Promise<PreparedPhotos> {
  const photos: { suffix: string; data: Buffer }[][] = [];
  for (const upload of uploads) {
    const result = await processImage(upload.bytes, "cover");
    if (!result.ok) {
      const { ok: _ok, ...problem } = result;
      return { ok: false, problem: { ...problem, name: upload.name } };
    }
    photos.push(result.variants);
  }
  return { ok: true, photos };
}

export async function storePhotos(artistId: string, productId: string, photos: { suffix: string; data: Buffer }[][]) {
  const keys: string[] = [];
  for (const variants of photos) {
    const key = `artists/${artistId}/products/${productId}/photo-${randomBytes(6).toString("hex")}`;
    for (const variant of variants) await storage().put(`${key}-${variant.suffix}.webp`, variant.data, "image/webp");
    keys.push(key);
  }
  return keys;
}

export async function removePhotos(keys: string[]) {
  for (const key of keys) {
    for (const suffix of imageVariants("cover")) await storage().delete(`${key}-${suffix}.webp`);
    for (const copy of jpegCopyKeys(key, imageVariants("cover"))) await storage().delete(copy);
  }
}

export type PhotoUrls = { large: string; medium: string; small: string };

export function photoUrls(key: string): PhotoUrls {
  return { large: imageUrl(key, "1200")!, medium: imageUrl(key, "600")!, small: imageUrl(key, "300")! };
}
