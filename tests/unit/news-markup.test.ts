import { describe, expect, it } from "vitest";
import { blocksToHtml, blocksToText, parsePostBody, teaserOf } from "@/lib/news/markup";

const BAND = "6f1c2b3a-0000-4000-8000-000000000001";
const picture = `/media/artists/${BAND}/post-0123456789ab-1200.webp`;

describe("a post's markup", () => {
  it("makes paragraphs, line breaks, links and the band's own pictures", () => {
    const { blocks, problems } = parsePostBody(
      `Tour dates\nare in!\n\nTickets: [here](https://tickets.example/lyon) or https://band.example/tour.\n\n![The van](${picture})`,
      BAND,
    );
    expect(problems).toEqual([]);
    expect(blocks).toEqual([
      {
        kind: "paragraph",
        content: [{ kind: "text", text: "Tour dates" }, { kind: "br" }, { kind: "text", text: "are in!" }],
      },
      {
        kind: "paragraph",
        content: [
          { kind: "text", text: "Tickets: " },
          { kind: "link", text: "here", href: "https://tickets.example/lyon" },
          { kind: "text", text: " or " },
          { kind: "link", text: "https://band.example/tour", href: "https://band.example/tour" },
          { kind: "text", text: "." },
        ],
      },
      { kind: "image", src: picture, alt: "The van" },
    ]);
    expect(blocksToText(blocks)).toContain("here (https://tickets.example/lyon)");
  });

  it("refuses links that are not http(s) and pictures from anywhere else, and keeps them as plain text", () => {
    for (const url of [
      "javascript:alert(document.cookie)",
      "JAVASCRIPT:x",
      "data:text/html,hi",
      "/relative",
      "vbscript:x",
    ]) {
      const { blocks, problems } = parsePostBody(`[click](${url})`, BAND);
      expect(problems[0]?.kind).toBe("link_scheme");
      expect(blocksToHtml(blocks, "https://shop.example")).not.toContain("<a ");
    }
    for (const src of [
      "https://evil.example/x.png",
      picture.replace(BAND, "someone-else"),
      "/media/artists/x/../y.webp",
    ]) {
      expect(parsePostBody(`![x](${src})`, BAND).problems[0]?.kind).toBe("image_foreign");
    }
  });

  it("never lets HTML through: it is escaped in the e-mail and plain text on the page", () => {
    const { blocks } = parsePostBody(`<img src=x onerror=alert(1)> "quoted" & <b>bold</b>`, BAND);
    const html = blocksToHtml(blocks, "https://shop.example");
    expect(html).toBe(
      '<p style="line-height:1.5">&lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;</p>',
    );
    const link = blocksToHtml(
      parsePostBody(`[a"b](https://x.example/?q="><script>)`, BAND).blocks,
      "https://s.example",
    );
    expect(link).not.toContain("<script>");
    expect(link).toContain('<a href="https://x.example/?q=%22%3E%3Cscript%3E"');
    expect(link).toContain(">a&quot;b</a>");
  });

  it("a subscriber-only teaser is the first paragraph's words, cut short", () => {
    const { blocks } = parsePostBody(`${"word ".repeat(100)}\n\nSecret second paragraph.`, BAND);
    const teaser = teaserOf(blocks, 50);
    expect(teaser.length).toBeLessThanOrEqual(50);
    expect(teaser.endsWith("…")).toBe(true);
    expect(teaser).not.toContain("Secret");
  });
});
