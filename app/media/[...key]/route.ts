import { Readable } from "node:stream";
import { ensureJpegCopy } from "@/lib/images";
import { isValidKey, readFile, statFile } from "@/lib/storage";

/**
 * Re-encoded artwork only (lib/images writes nothing else under these keys): the WebP renditions,
 * and their JPEG copies for link previews that refuse WebP (made on first request). Served with a
 * fixed image type and nosniff, so nothing uploaded can ever run as a page on this origin.
 */
export async function GET(_request: Request, { params }: RouteContext<"/media/[...key]">) {
  const key = (await params).key.join("/");
  const type = key.endsWith(".webp") ? "image/webp" : key.endsWith(".jpg") ? "image/jpeg" : null;
  if (!isValidKey(key) || !key.startsWith("artists/") || !type) {
    return new Response("Not found", { status: 404 });
  }
  const file = type === "image/jpeg" ? await ensureJpegCopy(key) : await statFile(key);
  if (!file) return new Response("Not found", { status: 404 });
  return new Response(Readable.toWeb(await readFile(key)) as ReadableStream, {
    headers: {
      "Content-Type": type,
      "Content-Length": String(file.size),
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
