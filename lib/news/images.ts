import { randomBytes } from "node:crypto";
import { processImage, type ImageProblem } from "@/lib/images";
import { putFile } from "@/lib/storage";

export type PostImageResult = { ok: true; src: string } | ({ ok: false } & ImageProblem);

/**
 * A picture for a post, through the same pipeline as artwork (checked by content, re-encoded to
 * WebP without metadata) and stored beside the band's other images, so /media serves it.
 */
export async function storePostImage(artistId: string, bytes: Buffer): Promise<PostImageResult> {
  const result = await processImage(bytes, "post");
  if (!result.ok) {
    const { ok: _ok, ...problem } = result;
    return { ok: false, ...problem };
  }
  const key = `artists/${artistId}/post-${randomBytes(6).toString("hex")}`;
  for (const variant of result.variants) await putFile(`${key}-${variant.suffix}.webp`, variant.data);
  return { ok: true, src: `/media/${key}-1200.webp` };
}
