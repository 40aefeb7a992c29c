import { escapeHtml } from "@/lib/email";

/**
 * A post's body is plain text with three conventions, no HTML ever:
 *   - a blank line starts a new paragraph, a single line break stays a line break;
 *   - `[words](https://…)` is a link, and a bare `https://…` address links itself (http(s) only);
 *   - a line of its own `![description](/media/artists/<band>/post-….webp)` is a picture the band
 *     uploaded here (lib/news/images.ts); pictures from anywhere else are refused.
 * Everything else is text: `<script>` shows as the characters a band typed. The same parsed tree
 * feeds the page (components/news/post-body.tsx), the e-mail's HTML and its text part.
 */
export type Inline = { kind: "text"; text: string } | { kind: "link"; text: string; href: string } | { kind: "br" };
export type Block = { kind: "paragraph"; content: Inline[] } | { kind: "image"; src: string; alt: string };

export type MarkupProblem = { kind: "link_scheme"; url: string } | { kind: "image_foreign"; url: string };

const IMAGE_LINE = /^!\[([^\]\n]{0,300})\]\(([^)\s]{1,500})\)$/;
const INLINE = /\[([^\]\n]{1,300})\]\(([^)\s]{1,2000})\)|\bhttps?:\/\/[^\s<>()[\]]+/gi;

/** The only addresses a link may have: absolute http(s). `javascript:`, `data:`, relative paths are refused. */
export function safeLinkUrl(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.protocol === "http:" || url.protocol === "https:" ? url.toString() : null;
  } catch {
    return null;
  }
}

/** A picture of this band's own, stored through the image pipeline (served by /media with nosniff). */
export function isOwnPostImage(src: string, artistId: string) {
  const prefix = `/media/artists/${artistId}/post-`;
  return src.startsWith(prefix) && /^[a-f0-9]{12}-1200\.webp$/.test(src.slice(prefix.length));
}

function parseInline(text: string, problems: MarkupProblem[]): Inline[] {
  const out: Inline[] = [];
  const pushText = (value: string) => {
    const lines = value.split("\n");
    lines.forEach((line, i) => {
      if (i > 0) out.push({ kind: "br" });
      if (line) out.push({ kind: "text", text: line });
    });
  };
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    pushText(text.slice(last, match.index));
    last = match.index + match[0].length;
    let raw = match[2] ?? match[0];
    let trailing = "";
    if (!match[2]) {
      // A bare address at a sentence's end: the full stop is not part of it.
      const end = /[.,;:!?'"]+$/.exec(raw);
      if (end) {
        trailing = end[0];
        raw = raw.slice(0, -trailing.length);
      }
    }
    const href = safeLinkUrl(raw);
    if (href) out.push({ kind: "link", text: match[1] ?? raw, href });
    else {
      problems.push({ kind: "link_scheme", url: raw });
      pushText(match[1] ?? raw);
    }
    if (trailing) pushText(trailing);
  }
  pushText(text.slice(last));
  return out;
}

export function parsePostBody(body: string, artistId: string): { blocks: Block[]; problems: MarkupProblem[] } {
  const problems: MarkupProblem[] = [];
  const blocks: Block[] = [];
  const chunks = body
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/)
    .map((c) => c.trim())
    .filter(Boolean);
  for (const chunk of chunks) {
    const lines = chunk.split("\n");
    let paragraph: string[] = [];
    const flush = () => {
      if (paragraph.length) blocks.push({ kind: "paragraph", content: parseInline(paragraph.join("\n"), problems) });
      paragraph = [];
    };
    for (const line of lines) {
      const image = IMAGE_LINE.exec(line.trim());
      if (!image) {
        paragraph.push(line);
        continue;
      }
      flush();
      if (isOwnPostImage(image[2], artistId)) blocks.push({ kind: "image", src: image[2], alt: image[1].trim() });
      else problems.push({ kind: "image_foreign", url: image[2] });
    }
    flush();
  }
  return { blocks, problems };
}

/** The e-mail's HTML of the body: every piece of text escaped, pictures at their absolute address. */
export function blocksToHtml(blocks: Block[], appUrl: string): string {
  return blocks
    .map((block) => {
      if (block.kind === "image")
        return `<p><img src="${escapeHtml(new URL(block.src, appUrl).toString())}" alt="${escapeHtml(block.alt)}" style="max-width:100%;height:auto;border-radius:6px"></p>`;
      const inner = block.content
        .map((part) =>
          part.kind === "br"
            ? "<br>"
            : part.kind === "text"
              ? escapeHtml(part.text)
              : `<a href="${escapeHtml(part.href)}" style="color:#1c1917">${escapeHtml(part.text)}</a>`,
        )
        .join("");
      return `<p style="line-height:1.5">${inner}</p>`;
    })
    .join("\n");
}

/** The text part: links as "words (address)", pictures as their description. */
export function blocksToText(blocks: Block[]): string {
  return blocks
    .map((block) =>
      block.kind === "image"
        ? block.alt
          ? `[${block.alt}]`
          : ""
        : block.content
            .map((part) =>
              part.kind === "br"
                ? "\n"
                : part.kind === "text"
                  ? part.text
                  : part.text === part.href || `${part.text}/` === part.href
                    ? part.href
                    : `${part.text} (${part.href})`,
            )
            .join(""),
    )
    .filter(Boolean)
    .join("\n\n");
}

/** What everyone sees of a subscribers-only post: its first paragraph's words, cut short. */
export function teaserOf(blocks: Block[], max = 280): string {
  const first = blocks.find((b) => b.kind === "paragraph");
  const text = first ? blocksToText([first]).replace(/\s+/g, " ").trim() : "";
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
