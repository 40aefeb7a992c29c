import { parseBuffer } from "music-metadata";
import { describe, expect, it } from "vitest";
import { withLyricsFrame } from "@/lib/audio/id3-lyrics";

/** An ID3v2.4 tag holding one TIT2 frame and some padding, as ffmpeg writes before the audio. */
function taggedFile(title: string, audio = Buffer.from([0xff, 0xfb, 0x90, 0x00])) {
  const body = Buffer.concat([Buffer.from([3]), Buffer.from(title)]);
  const frame = Buffer.concat([Buffer.from("TIT2"), Buffer.from([0, 0, 0, body.length, 0, 0]), body]);
  const tag = Buffer.concat([frame, Buffer.alloc(16)]);
  return Buffer.concat([Buffer.from("ID3"), Buffer.from([4, 0, 0, 0, 0, 0, tag.length]), tag, audio]);
}

describe("lyrics in an MP3's ID3 tag", () => {
  it("adds a USLT frame to the tag ffmpeg wrote, keeping its other frames and the audio after it", async () => {
    const lyrics = "Ligne un — “deux”\nLine two";
    const file = withLyricsFrame(taggedFile("Chanson"), lyrics);
    const meta = await parseBuffer(file, { mimeType: "audio/mpeg" }, { skipPostHeaders: true, duration: false });
    expect(meta.common.title).toBe("Chanson");
    expect(meta.common.lyrics?.[0]?.text).toBe(lyrics);
    expect(file.subarray(-4)).toEqual(Buffer.from([0xff, 0xfb, 0x90, 0x00]));
  });

  it("puts a tag in front of a file that has none", async () => {
    const file = withLyricsFrame(Buffer.from([0xff, 0xfb, 0x90, 0x00]), "Only words");
    expect(file.subarray(0, 4).toString("latin1")).toBe("ID3\u0004");
    const meta = await parseBuffer(file, { mimeType: "audio/mpeg" }, { duration: false });
    expect(meta.common.lyrics?.[0]?.text).toBe("Only words");
  });
});
