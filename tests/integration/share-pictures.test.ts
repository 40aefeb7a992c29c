import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/media/[...key]/route";
import { processImage } from "@/lib/images";
import { setStorageForTests, storage } from "@/lib/storage";
import { localDriver } from "@/lib/storage/local";

const base = "artists/a1/releases/r1/cover-abc123";

beforeAll(async () => {
  setStorageForTests(localDriver(mkdtempSync(path.join(tmpdir(), "merchtable-share-"))));
  const art = await processImage(
    await sharp({
      create: { width: 1300, height: 1300, channels: 4, background: { r: 40, g: 90, b: 160, alpha: 0.5 } },
    })
      .png()
      .toBuffer(),
    "cover",
  );
  if (!art.ok) throw new Error(art.reason);
  for (const variant of art.variants) await storage().put(`${base}-${variant.suffix}.webp`, variant.data);
});
afterAll(() => setStorageForTests(undefined));

const get = (key: string) =>
  GET(new Request(`http://localhost/media/${key}`), { params: Promise.resolve({ key: key.split("/") }) });

describe("artwork as JPEG for link previews", () => {
  it("is made from the stored WebP rendition on first request, then read from its kept copy", async () => {
    const first = await get(`${base}-1200.jpg`);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("image/jpeg");
    const bytes = Buffer.from(await first.arrayBuffer());
    expect(await sharp(bytes).metadata()).toMatchObject({ format: "jpeg", width: 1200, height: 1200 });
    expect(await storage().stat(`${base}-1200.jpg`)).not.toBeNull();
    const second = await get(`${base}-1200.jpg`);
    expect(Buffer.from(await second.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it("exists only for a stored rendition: no other key, size or folder is converted or served", async () => {
    for (const key of [
      `${base}-999.jpg`,
      `${base}.jpg`,
      `${base}-zip.jpg`,
      "masters/a1/track.jpg",
      `${base}-1200.png`,
    ]) {
      expect((await get(key)).status, key).toBe(404);
    }
    expect(await storage().stat(`${base}-999.jpg`)).toBeNull();
  });
});
