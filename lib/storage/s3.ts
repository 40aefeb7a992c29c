import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  type CompletedPart,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { Env } from "@/lib/env";
import { cdnSignedUrl, type CdnConfig } from "./cdn";
import { isValidKey } from "./keys";
import { TooLargeError, type SignedUrlOptions, type StorageDriver, type StoredFile } from "./types";

/**
 * Parts of a multipart upload. S3 refuses parts under 5 MiB (except the last); 8 MiB keeps one
 * part in memory per upload and a 1 GiB master under 130 parts (the limit is 10 000).
 */
export const DEFAULT_PART_SIZE = 8 * 1024 * 1024;
const MIN_PART_SIZE = 5 * 1024 * 1024;

function checkedKey(key: string) {
  if (!isValidKey(key)) throw new Error(`Invalid storage key: ${JSON.stringify(key)}`);
  return key;
}

const isNotFound = (error: unknown) => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === "NotFound" || e?.name === "NoSuchKey" || e?.$metadata?.httpStatusCode === 404;
};

/** Collects a stream into parts of `partSize` bytes, counting as it goes; at most one part is held. */
async function* parts(source: Readable, partSize: number, maxBytes: number | undefined) {
  let held: Buffer[] = [];
  let heldBytes = 0;
  let total = 0;
  for await (const chunk of source as AsyncIterable<Buffer | string>) {
    let data = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    total += data.length;
    if (maxBytes !== undefined && total > maxBytes) throw new TooLargeError(maxBytes);
    while (heldBytes + data.length >= partSize) {
      const take = partSize - heldBytes;
      held.push(data.subarray(0, take));
      yield { data: Buffer.concat(held), last: false };
      held = [];
      heldBytes = 0;
      data = data.subarray(take);
    }
    if (data.length > 0) {
      held.push(data);
      heldBytes += data.length;
    }
  }
  yield { data: Buffer.concat(held), last: true };
}

/**
 * S3-compatible object storage (AWS S3, Cloudflare R2, MinIO, Backblaze B2, Scaleway…), chosen with
 * STORAGE_DRIVER=s3. Uploads stream in parts; reads are ranged GETs passed straight through.
 */
export function s3Driver(config: Env, options: { partSize?: number } = {}): StorageDriver {
  const bucket = config.S3_BUCKET;
  if (!bucket) throw new Error("S3_BUCKET is required when STORAGE_DRIVER=s3");
  const partSize = Math.max(options.partSize ?? DEFAULT_PART_SIZE, MIN_PART_SIZE);
  const client = new S3Client({
    region: config.S3_REGION,
    endpoint: config.S3_ENDPOINT,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
    credentials:
      config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
        ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY }
        : undefined, // the SDK's usual chain: environment, shared config, instance role
    // Checksums only where the API demands them: several S3-compatible services reject the
    // SDK's newer default trailers.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });

  const cdn: CdnConfig | null =
    config.CDN_BASE_URL && config.CDN_KEY_PAIR_ID && config.CDN_PRIVATE_KEY
      ? { baseUrl: config.CDN_BASE_URL, keyPairId: config.CDN_KEY_PAIR_ID, privateKey: config.CDN_PRIVATE_KEY }
      : null;

  /** S3's presigned GET (query-string SigV4), or the CDN's signed URL when one is configured. */
  async function signedUrl(key: string, options: SignedUrlOptions) {
    checkedKey(key);
    const now = options.now ?? new Date();
    const seconds = Math.max(1, Math.floor(options.expiresInSeconds));
    if (cdn) {
      return cdnSignedUrl(cdn, key, {
        expiresAt: new Date(now.getTime() + seconds * 1000),
        contentType: options.contentType,
        disposition: options.disposition,
      });
    }
    const command = new GetObjectCommand({
      Bucket: bucket,
      Key: key,
      ResponseContentType: options.contentType,
      ResponseContentDisposition: options.disposition,
    });
    return getSignedUrl(client, command, { expiresIn: seconds, signingDate: now });
  }

  async function putStream(
    key: string,
    source: Readable,
    opts: { maxBytes?: number; contentType?: string; cacheControl?: string } = {},
  ) {
    checkedKey(key);
    const iterator = parts(source, partSize, opts.maxBytes);
    const first = await iterator.next();
    if (first.done) throw new Error("unreachable: parts() always yields a last part");
    if (first.value.last) {
      // Small files (artwork, short renditions) go up in one request.
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: first.value.data,
          ContentType: opts.contentType,
          CacheControl: opts.cacheControl,
        }),
      );
      return { size: first.value.data.length };
    }
    const { UploadId } = await client.send(
      new CreateMultipartUploadCommand({
        Bucket: bucket,
        Key: key,
        ContentType: opts.contentType,
        CacheControl: opts.cacheControl,
      }),
    );
    const done: CompletedPart[] = [];
    let size = 0;
    try {
      for (
        let part: IteratorResult<{ data: Buffer; last: boolean }> = first;
        !part.done;
        part = await iterator.next()
      ) {
        const { data, last } = part.value;
        if (last && data.length === 0) break; // the stream ended exactly on a part boundary
        const PartNumber = done.length + 1;
        const { ETag } = await client.send(
          new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber, Body: data }),
        );
        done.push({ ETag, PartNumber });
        size += data.length;
      }
      await client.send(
        new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId, MultipartUpload: { Parts: done } }),
      );
      return { size };
    } catch (error) {
      // Abandoned parts are billed until aborted: leave nothing behind.
      await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId })).catch(() => {});
      source.destroy();
      throw error;
    }
  }

  return {
    name: "s3",
    async put(key, data, contentType) {
      await client.send(
        new PutObjectCommand({ Bucket: bucket, Key: checkedKey(key), Body: data, ContentType: contentType }),
      );
    },
    putStream,
    signedUrl,
    async putFromPath(key, filePath, contentType, cacheControl) {
      return putStream(key, createReadStream(filePath), { contentType, cacheControl });
    },
    async stat(key): Promise<StoredFile | null> {
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: checkedKey(key) }));
        return { size: head.ContentLength ?? 0, modifiedAt: head.LastModified ?? new Date(0) };
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
    async read(key, range) {
      const { Body } = await client.send(
        new GetObjectCommand({
          Bucket: bucket,
          Key: checkedKey(key),
          Range: range ? `bytes=${range.start}-${range.end}` : undefined,
        }),
      );
      if (!Body) throw new Error(`S3 returned no body for ${key}`);
      return Body as Readable;
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: checkedKey(key) }));
    },
    async deletePrefix(prefix) {
      const Prefix = `${checkedKey(prefix)}/`;
      let ContinuationToken: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix, ContinuationToken }));
        const Objects = (page.Contents ?? []).flatMap((o) => (o.Key ? [{ Key: o.Key }] : []));
        // A page holds at most 1000 keys, which is also DeleteObjects' limit.
        if (Objects.length > 0) {
          const result = await client.send(
            new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects, Quiet: true } }),
          );
          if (result.Errors?.length) {
            const first = result.Errors[0];
            throw new Error(
              `S3 could not delete ${result.Errors.length} object(s) under ${Prefix}, e.g. ${first.Key}: ${first.Code} ${first.Message}`,
            );
          }
        }
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
    },
    async localCopy(key) {
      const dir = await mkdtemp(path.join(tmpdir(), "merchtable-s3-"));
      const cleanup = () => rm(dir, { recursive: true, force: true });
      try {
        const file = path.join(dir, path.basename(checkedKey(key)));
        const { Body } = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        if (!Body) throw new Error(`S3 returned no body for ${key}`);
        await pipeline(Body as Readable, createWriteStream(file));
        return { path: file, cleanup };
      } catch (error) {
        await cleanup();
        throw error;
      }
    },
  };
}
