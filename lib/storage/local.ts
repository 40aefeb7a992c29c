import { createReadStream, createWriteStream } from "node:fs";
import { copyFile, mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { FILE_URL_PREFIX, fileToken } from "./file-token";
import { resolveKeyIn } from "./keys";
import { TooLargeError, type ByteRange, type StorageDriver, type StoredFile } from "./types";

/** Counts bytes going through and fails once more than maxBytes have passed. */
export function byteLimit(maxBytes: number | undefined, onBytes?: (total: number) => void) {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      total += chunk.length;
      if (maxBytes !== undefined && total > maxBytes) return callback(new TooLargeError(maxBytes));
      onBytes?.(total);
      callback(null, chunk);
    },
  });
}

const tempName = (target: string) =>
  `${target}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2)}.part`;

/** Files under one folder. Writes go to a temporary name and are renamed, so readers never see half a file. */
export function localDriver(root: string): StorageDriver {
  const resolve = (key: string) => resolveKeyIn(root, key);
  return {
    name: "local",
    async signedUrl(key, options) {
      return `${FILE_URL_PREFIX}${fileToken(key, options)}`;
    },
    async put(key, data) {
      const target = resolve(key);
      await mkdir(path.dirname(target), { recursive: true });
      const temp = tempName(target);
      await writeFile(temp, data);
      await rename(temp, target);
    },
    async putStream(key, source, options = {}) {
      const target = resolve(key);
      await mkdir(path.dirname(target), { recursive: true });
      const temp = tempName(target);
      let size = 0;
      try {
        await pipeline(
          source,
          byteLimit(options.maxBytes, (n) => (size = n)),
          createWriteStream(temp),
        );
        await rename(temp, target);
        return { size };
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
    },
    async putFromPath(key, filePath) {
      const target = resolve(key);
      await mkdir(path.dirname(target), { recursive: true });
      const temp = tempName(target);
      await copyFile(filePath, temp);
      await rename(temp, target);
      return { size: (await stat(target)).size };
    },
    async stat(key): Promise<StoredFile | null> {
      try {
        const info = await stat(resolve(key));
        return info.isFile() ? { size: info.size, modifiedAt: info.mtime } : null;
      } catch {
        return null;
      }
    },
    async read(key, range?: ByteRange): Promise<Readable> {
      return createReadStream(resolve(key), range ? { start: range.start, end: range.end } : undefined);
    },
    async delete(key) {
      await rm(resolve(key), { force: true });
    },
    async deletePrefix(prefix) {
      await rm(resolve(prefix), { recursive: true, force: true });
    },
    async localCopy(key) {
      return { path: resolve(key), cleanup: async () => {} };
    },
  };
}
