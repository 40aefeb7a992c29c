import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { describeNonImage, processImage, sniffImageType } from "@/lib/images";

const png = (w: number, h: number) =>
  sharp({ create: { width: w, height: h, channels: 3, background: "#884422" } })
    .png()
    .toBuffer();

describe("artwork uploads", () => {
  it("are re-encoded to WebP at the sizes the pages use", async () => {
    const result = await processImage(await png(900, 700), "avatar");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.variants.map((v) => v.suffix)).toEqual(["512", "128"]);
    const meta = await sharp(result.variants[0].data).metadata();
    expect(meta).toMatchObject({ format: "webp", width: 512, height: 512 });
  });

  it("lose their EXIF metadata (camera, GPS)", async () => {
    const withExif = await sharp(await png(600, 600))
      .jpeg()
      .withExif({ IFD0: { Make: "SecretCam", Artist: "Jane Doe" }, IFD3: { GPSLatitudeRef: "N" } })
      .toBuffer();
    expect((await sharp(withExif).metadata()).exif).toBeDefined();
    const result = await processImage(withExif, "banner");
    if (!result.ok) throw new Error("expected the image to be accepted");
    const meta = await sharp(result.variants[0].data).metadata();
    expect(meta.exif).toBeUndefined();
    expect(result.variants[0].data.includes(Buffer.from("SecretCam"))).toBe(false);
  });

  it("refuse a text file named like a picture, saying what it is", async () => {
    const text = Buffer.from("hello, I am definitely a JPEG\n");
    expect(sniffImageType(text)).toBeNull();
    expect(await processImage(text, "avatar")).toEqual({ ok: false, reason: "not_image", looksLike: "text" });
    expect(describeNonImage(Buffer.from("<svg onload=alert(1)>"))).toBe("SVG or HTML");
  });

  it("refuse files over the size limit before decoding them", async () => {
    const huge = Buffer.alloc(50 * 1024 * 1024, 0xff);
    expect(await processImage(huge, "avatar")).toEqual({ ok: false, reason: "too_large", sizeMb: 50, maxMb: 10 });
  });

  it("refuse empty and truncated images", async () => {
    expect(await processImage(Buffer.alloc(0), "avatar")).toEqual({ ok: false, reason: "empty" });
    const truncated = (await png(400, 400)).subarray(0, 60);
    expect(await processImage(truncated, "avatar")).toEqual({ ok: false, reason: "unreadable" });
  });
});
