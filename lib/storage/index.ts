import { createReadStream } from "node:fs";
import { mkdir, rm, stat, writeFile, rename } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { env } from "../env";

/**
 * Where files live (artwork now, masters and derived audio later). Local disk under STORAGE_DIR;
 * keys are relative, slash-separated, and never leave that folder.
 */
export type StoredFile = { size: number; modifiedAt: Date };

const KEY_PATTERN = /^[a-z0-9][a-z0-9/_.-]*$/i;

export function isValidKey(key: string) {
  return KEY_PATTERN.test(key) && !key.split("/").some((part) => part === "" || part === "." || part === "..");
}

function resolveKey(key: string) {
  if (!isValidKey(key)) throw new Error(`Invalid storage key: ${JSON.stringify(key)}`);
  return path.join(path.resolve(env().STORAGE_DIR), ...key.split("/"));
}

export async function putFile(key: string, data: Buffer) {
  const target = resolveKey(key);
  await mkdir(path.dirname(target), { recursive: true });
  // Write then rename, so a reader never sees half a file.
  const temp = `${target}.${process.pid}.${Date.now()}.part`;
  await writeFile(temp, data);
  await rename(temp, target);
}

export async function statFile(key: string): Promise<StoredFile | null> {
  try {
    const info = await stat(resolveKey(key));
    return info.isFile() ? { size: info.size, modifiedAt: info.mtime } : null;
  } catch {
    return null;
  }
}

export function readFileStream(key: string, range?: { start: number; end: number }): Readable {
  return createReadStream(resolveKey(key), range);
}

export async function deleteFile(key: string) {
  await rm(resolveKey(key), { force: true });
}
