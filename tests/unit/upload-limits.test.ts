import { describe, expect, it } from "vitest";
import { naturalNameOrder, parseUploadPlace, positionForUpload, uploadOrderKey } from "@/lib/catalog/upload-order";
import { oversizedFormPost } from "@/lib/http/body-limit";
import { formBodyLimitBytes, isSmallArtwork, maxImageMbFrom, MOST_IMAGES_PER_FORM } from "@/lib/images/limits";
import { MAX_PHOTOS } from "@/lib/merch/input";

const MB = 1024 * 1024;

describe("the form body limit", () => {
  it("fits the fullest form (every product photo at the limit) with room for one file over it", () => {
    expect(MOST_IMAGES_PER_FORM).toBeGreaterThanOrEqual(MAX_PHOTOS);
    expect(formBodyLimitBytes(10)).toBeGreaterThan(MAX_PHOTOS * 10 * MB + MB);
    // Four photos, one of them over the limit: the form still reaches the action, which names that file.
    expect(formBodyLimitBytes(10)).toBeGreaterThan((MAX_PHOTOS - 1) * 10 * MB + 11 * MB + MB);
    expect(formBodyLimitBytes(10)).toBe(51 * MB);
    expect(maxImageMbFrom(undefined)).toBe(10);
    expect(maxImageMbFrom("25")).toBe(25);
    expect(maxImageMbFrom("lots")).toBe(10);
  });

  it("answers a post over it with a 413 that says the sizes, in the visitor's language", () => {
    const ask = (
      contentLength: string | null,
      extra: { method?: string; localeCookie?: string; acceptLanguage?: string } = {},
    ) =>
      oversizedFormPost(
        {
          method: extra.method ?? "POST",
          contentLength,
          localeCookie: extra.localeCookie,
          acceptLanguage: extra.acceptLanguage ?? null,
        },
        10,
      );
    expect(ask(String(51 * MB))).toBeNull();
    expect(ask(null)).toBeNull();
    expect(ask(String(60 * MB), { method: "GET" })).toBeNull();
    expect(ask(String(52 * MB))).toEqual({
      status: 413,
      body: "This upload is 52 MB; a form takes up to 51 MB in all, and each picture up to 10 MB. Export smaller pictures and try again.",
    });
    expect(ask(String(52 * MB), { acceptLanguage: "fr-FR,fr;q=0.9" })?.body).toMatch(/^Cet envoi fait 52 Mo/);
    expect(ask(String(52 * MB), { acceptLanguage: "fr", localeCookie: "en" })?.body).toMatch(/^This upload/);
  });

  it("calls artwork under 1400 px on its short side small", () => {
    expect(isSmallArtwork({ width: 600, height: 600 })).toBe(true);
    expect(isSmallArtwork({ width: 3000, height: 1200 })).toBe(true);
    expect(isSmallArtwork({ width: 1400, height: 1400 })).toBe(false);
  });
});

describe("the order of tracks picked together", () => {
  it("sorts names as a person reads them", () => {
    expect(
      ["10 Coda.wav", "2 Second.wav", "1 Intro.wav", "track 11.flac", "Track 9.flac"].sort(naturalNameOrder),
    ).toEqual(["1 Intro.wav", "2 Second.wav", "10 Coda.wav", "Track 9.flac", "track 11.flac"]);
  });

  it("puts tagged track numbers first, then the picked order, and refuses odd headers", () => {
    const now = Date.now();
    const place = (index: number) => ({ batch: now, index });
    expect(uploadOrderKey(place(3), 1) < uploadOrderKey(place(0), 2)).toBe(true);
    expect(uploadOrderKey(place(0), 12) < uploadOrderKey(place(1), undefined)).toBe(true);
    expect(uploadOrderKey(place(1), undefined) < uploadOrderKey({ batch: now + 1, index: 0 }, 1)).toBe(true);
    expect(parseUploadPlace(String(now), "2", now)).toEqual(place(2));
    for (const [batch, index] of [
      [null, "1"],
      ["abc", "1"],
      [String(now), "-1"],
      [String(now - 3 * 86_400_000), "1"],
      [String(now), "99999"],
    ]) {
      expect(parseUploadPlace(batch, index, now)).toBeNull();
    }
  });

  it("places a late arrival before the tracks picked after it, else at the end", () => {
    const rows = [
      { position: 1, uploadOrder: null },
      { position: 2, uploadOrder: "b" },
      { position: 3, uploadOrder: "d" },
    ];
    expect(positionForUpload(rows, "c")).toBe(3);
    expect(positionForUpload(rows, "a")).toBe(2);
    expect(positionForUpload(rows, "e")).toBe(4);
    expect(positionForUpload(rows, null)).toBe(4);
    expect(positionForUpload([], "a")).toBe(1);
  });
});
