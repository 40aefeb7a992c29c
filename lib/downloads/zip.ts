import type { Readable } from "node:stream";
import { ZipFile, type EndOptions } from "yazl";
import { logger } from "@/lib/log";
import { storage } from "@/lib/storage";

export type ZipEntry = { name: string; key: string; size: number; mtime: Date };

/**
 * A zip built while it is sent: each stored file is opened when its turn comes and piped through,
 * so memory stays flat and nothing is written to disk however long the album. Entries are
 * "stored", not deflated: audio does not compress, and stored entries let yazl know the exact size
 * of the archive before the first byte (Content-Length, and a real progress bar in the browser).
 * Names go in as UTF-8 (yazl sets the language-encoding flag), so accents survive unzipping.
 */
export function zipStream(
  entries: ZipEntry[],
  extras: { name: string; data: Buffer; mtime: Date }[],
  signal?: AbortSignal,
): { stream: Readable; size: number } {
  const zip = new ZipFile();
  let current: Readable | null = null;
  for (const entry of entries) {
    zip.addReadStreamLazy(entry.name, { compress: false, size: entry.size, mtime: entry.mtime }, (callback) => {
      storage()
        .read(entry.key)
        .then(
          (source) => {
            current = source;
            callback(null, source);
          },
          (error: Error) => callback(error, undefined as unknown as Readable),
        );
    });
  }
  for (const extra of extras) zip.addBuffer(extra.data, extra.name, { compress: false, mtime: extra.mtime });

  let size = -1;
  // @types/yazl misses the callback's argument: the archive's exact length (-1 if unknown).
  (zip.end as (options: EndOptions, onSize: (bytes: number) => void) => void).call(
    zip,
    { forceZip64Format: false, comment: "" },
    (bytes) => {
      size = bytes;
    },
  );

  const output = zip.outputStream as Readable;
  zip.on("error", (error: Error) => {
    // Mid-stream, the only honest thing left is to cut the response: the browser reports a failed download.
    logger.error({ err: error }, "download zip: reading a file failed");
    output.destroy(error);
  });
  signal?.addEventListener(
    "abort",
    () => {
      (current as Readable | null)?.destroy();
      output.destroy();
    },
    { once: true },
  );
  return { stream: output, size };
}
