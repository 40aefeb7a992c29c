import { Readable } from "node:stream";
import { isValidKey, readFile, statFile } from "@/lib/storage";

/**
 * Re-encoded artwork only (lib/images writes nothing else under these keys). Served with a fixed
 * image type and nosniff, so nothing uploaded can ever run as a page on this origin.
 */
export async function GET(_request: Request, { params }: RouteContext<"/media/[...key]">) {
  const key = (await params).key.join("/");
  if (!isValidKey(key) || !key.startsWith("artists/") || !key.endsWith(".webp")) {
    return new Response("Not found", { status: 404 });
  }
  const file = await statFile(key);
  if (!file) return new Response("Not found", { status: 404 });
  return new Response(Readable.toWeb(await readFile(key)) as ReadableStream, {
    headers: {
      "Content-Type": "image/webp",
      "Content-Length": String(file.size),
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
