/**
 * File names for downloads that survive every common file system and unzip tool: Windows forbids
 * `<>:"/\|?*`, control characters, trailing dots and spaces, and device names (CON, NUL, COM1…,
 * even with an extension); ext4 and APFS stop at 255 bytes a name; macOS stores NFC-normalised
 * names differently from what zip tools write unless we normalise first. Letters of every script
 * and emoji are kept.
 */

const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
/** Below U+0020, DEL and the C1 controls, plus bidi overrides that can disguise an extension ("evil\u202Egpj.exe"). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** Most names stay far below this; it leaves room for "NN " and the extension inside 255 bytes. */
export const MAX_NAME_BYTES = 200;

const utf8Length = (text: string) => Buffer.byteLength(text, "utf8");
const trimEnds = (text: string) => text.replace(/^[\s.]+/, "").replace(/[\s.]+$/, "");

/** Cuts on whole characters (an emoji or an accented letter is never split) within `maxBytes`. */
function truncateBytes(text: string, maxBytes: number) {
  if (utf8Length(text) <= maxBytes) return text;
  let out = "";
  for (const { segment } of new Intl.Segmenter("en", { granularity: "grapheme" }).segment(text)) {
    if (utf8Length(out + segment) > maxBytes) break;
    out += segment;
  }
  return out;
}

/**
 * One safe path component. `"AC/DC"` → `"AC-DC"`, `'Say "hi"'` → `"Say 'hi'"`, `"CON"` → `"_CON"`,
 * `"..."` or `""` → the fallback. The extension (without dot) is added after the cut.
 */
export function safeFilename(stem: string, extension = "", options: { maxBytes?: number; fallback?: string } = {}) {
  const maxBytes = options.maxBytes ?? MAX_NAME_BYTES;
  let name = stem
    .normalize("NFC")
    .replace(INVISIBLE, " ")
    .replace(/[/\\|]/g, "-")
    .replace(/"/g, "'")
    .replace(/[<>:?*]/g, "")
    .replace(/\s+/g, " ");
  name = trimEnds(truncateBytes(trimEnds(name), maxBytes));
  if (!name) name = options.fallback ?? "Untitled";
  if (RESERVED.test(name.split(".")[0].trim())) name = `_${name}`;
  const ext = extension.replace(/[^a-z0-9]/gi, "").toLowerCase();
  return ext ? `${name}.${ext}` : name;
}

/** `01 Artist - Title.flac`: numbered so every player and file browser sorts the album in order. */
export function trackFilename(input: {
  position: number;
  trackCount: number;
  artist: string;
  title: string;
  extension: string;
}) {
  const width = Math.max(2, String(input.trackCount).length);
  const number = String(input.position).padStart(width, "0");
  return safeFilename(`${number} ${input.artist.trim()} - ${input.title.trim()}`, input.extension);
}

/** `Artist - Album (FLAC).zip` */
export function albumZipFilename(input: { artist: string; album: string; formatLabel: string }) {
  return safeFilename(`${input.artist.trim()} - ${input.album.trim()} (${input.formatLabel})`, "zip");
}

/**
 * `Content-Disposition: attachment` with an ASCII `filename` for old clients and the exact UTF-8
 * name in `filename*` (RFC 6266 / RFC 8187, which replaced RFC 5987), which browsers prefer.
 */
export function contentDisposition(filename: string) {
  const ascii = filename
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]/g, "_")
    .replace(/["\\%]/g, "_");
  // encodeURIComponent leaves ' ( ) * alone, but RFC 8187's attr-char does not allow them.
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** A grant item's track as its file is named (in a zip or alone): the release's numbering, the band's name. */
export function itemTrackFilename(
  artistName: string,
  item: { releaseTrackCount: number },
  track: { position: number; title: string },
  extension: string,
) {
  return trackFilename({
    position: track.position,
    trackCount: item.releaseTrackCount,
    artist: artistName,
    title: track.title,
    extension,
  });
}
