import type { Readable } from "node:stream";
import { logger } from "@/lib/log";
import { storage } from "@/lib/storage";
import { publishedStreamCache, type StreamTarget } from "./stream-access";

/**
 * Spans up to this size (a player's seek asks for far less) are read whole and sent as one
 * Buffer: turning a one-chunk file stream into a web stream cost more than reading it.
 */
const BUFFERED_SPAN_BYTES = 512 * 1024;

export type SpanBody = { kind: "buffer"; data: Uint8Array<ArrayBuffer> } | { kind: "stream"; source: Readable };

/** Reads a small span into memory, or null when the listener left meanwhile (the file is closed). */
function collect(source: Readable, signal: AbortSignal, count: number): Promise<Uint8Array<ArrayBuffer> | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const stop = () => {
      source.destroy();
      resolve(null);
    };
    signal.addEventListener("abort", stop, { once: true });
    source.on("data", (chunk: Buffer) => chunks.push(chunk));
    // File streams hand out Buffers over plain (never shared) ArrayBuffers, which Response takes.
    source.once("end", () =>
      resolve((chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, count)) as Uint8Array<ArrayBuffer>),
    );
    source.once("error", reject);
    source.once("close", () => signal.removeEventListener("abort", stop));
  });
}

/**
 * Bytes [start, end] of the object, or null when the listener left (nothing is kept open). Big
 * spans come as a stream read as the client takes it, closed as soon as the client goes away.
 * Rejects with ENOENT when the file went away under a cached answer.
 */
export async function readSpan(
  target: StreamTarget,
  start: number,
  end: number,
  signal: AbortSignal,
): Promise<SpanBody | null> {
  const source = await storage().read(target.key, { start, end });
  if (signal.aborted) {
    source.destroy();
    return null;
  }
  const failed = (error: NodeJS.ErrnoException) => {
    // A client hanging up mid-file is routine; anything else is a storage fault worth a look.
    if (signal.aborted || error.code === "ERR_STREAM_PREMATURE_CLOSE") return;
    // The file went away under a cached answer (a new rendition, a deleted track): ask again next time.
    publishedStreamCache.forget(target.trackId);
    logger.error(
      { err: error, trackId: target.trackId, key: target.key, start, end },
      "stream: reading the audio file failed",
    );
  };
  if (end - start + 1 <= BUFFERED_SPAN_BYTES) {
    const data = await collect(source, signal, end - start + 1).catch((error: NodeJS.ErrnoException) => {
      failed(error);
      throw error;
    });
    return data && { kind: "buffer", data };
  }
  const stop = () => source.destroy();
  signal.addEventListener("abort", stop, { once: true });
  source.once("close", () => signal.removeEventListener("abort", stop));
  source.on("error", failed);
  return { kind: "stream", source };
}

export const isMissingFile = (error: unknown) => (error as NodeJS.ErrnoException).code === "ENOENT";
