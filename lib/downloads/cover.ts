import sharp from "sharp";
import { storage } from "@/lib/storage";

async function readAll(key: string) {
  const chunks: Buffer[] = [];
  for await (const chunk of await storage().read(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The release cover as cover.jpg for the zip (folder art for players), or nothing. Encoded once
 * from the largest stored variant and kept beside it, so a download does not run sharp again.
 */
export async function coverJpeg(artworkKey: string | null): Promise<Buffer | null> {
  if (!artworkKey) return null;
  const cached = `${artworkKey}-zip.jpg`;
  if (await storage().stat(cached)) return readAll(cached);
  for (const suffix of ["1200", "600"]) {
    const key = `${artworkKey}-${suffix}.webp`;
    if (!(await storage().stat(key))) continue;
    const jpeg = await sharp(await readAll(key))
      .jpeg({ quality: 88 })
      .toBuffer();
    await storage().put(cached, jpeg, "image/jpeg");
    return jpeg;
  }
  return null;
}
