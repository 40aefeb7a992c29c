import type { Readable } from "node:stream";

/** A stored object's facts. */
export type StoredFile = { size: number; modifiedAt: Date };

/** Inclusive byte range, as in HTTP: { start: 0, end: 1 } is two bytes. */
export type ByteRange = { start: number; end: number };

/** Cache-Control for objects never rewritten under the same key (renditions, clips, prepared archives). */
export const IMMUTABLE = "public, max-age=31536000, immutable";

/** What a signed address to a stored file carries besides the key. */
export type SignedUrlOptions = {
  /** Seconds from `now` until the address stops working. */
  expiresInSeconds: number;
  /** The Content-Type the file is answered with (the stored one otherwise). */
  contentType?: string;
  /** The Content-Disposition to answer with, e.g. lib/downloads' `attachment; filename=…` (inline otherwise). */
  disposition?: string;
  /** Tests sign in the past or the future. */
  now?: Date;
};

/** Thrown by putStream when the upload passes maxBytes; nothing is left behind. */
export class TooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`File is larger than ${maxBytes} bytes`);
    this.name = "TooLargeError";
  }
}

/**
 * Where files live: artwork, masters, streaming and download renditions. Keys are relative,
 * slash-separated (see isValidKey). Every implementation streams: no method holds a whole audio
 * file in memory.
 */
export interface StorageDriver {
  readonly name: "local" | "s3";
  put(key: string, data: Buffer, contentType?: string): Promise<void>;
  /** Streams `source` to `key`. Over maxBytes: rejects with TooLargeError and stores nothing. */
  putStream(
    key: string,
    source: Readable,
    options?: { maxBytes?: number; contentType?: string; cacheControl?: string },
  ): Promise<{ size: number }>;
  /**
   * Copies a local file in (ffmpeg output). `cacheControl` is stored with an object (S3) and sent
   * by the bucket and the CDN: IMMUTABLE for renditions whose key changes with their content.
   */
  putFromPath(key: string, filePath: string, contentType?: string, cacheControl?: string): Promise<{ size: number }>;
  stat(key: string): Promise<StoredFile | null>;
  /** A stream of the object, or of one inclusive byte range of it. */
  read(key: string, range?: ByteRange): Promise<Readable>;
  delete(key: string): Promise<void>;
  /**
   * A short-lived address the browser fetches the file from, with ranges, without the app deciding
   * again: S3's presigned URL, a CDN's signed URL, or for local storage the app's own signed
   * /api/files address (answered by the Node fast path). Call it only once access is decided.
   */
  signedUrl(key: string, options: SignedUrlOptions): Promise<string>;
  /** Deletes every key under `prefix/`. */
  deletePrefix(prefix: string): Promise<void>;
  /**
   * A path on this machine holding the object, for tools like ffmpeg. Local storage returns its
   * own file (cleanup does nothing); S3 downloads to a temporary file that cleanup removes.
   */
  localCopy(key: string): Promise<{ path: string; cleanup: () => Promise<void> }>;
}
