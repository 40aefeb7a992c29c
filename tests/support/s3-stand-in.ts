import { createHash, createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for the S3 API, path-style (`/<bucket>/<key>`), enough for lib/storage/s3.ts:
 * PUT/GET (with Range)/HEAD/DELETE of objects, ListObjectsV2 (paged), DeleteObjects and multipart
 * uploads with S3's real rules (parts of at least 5 MiB except the last, ETags checked on
 * completion). Objects live in memory. A header signature's presence is checked; a presigned URL
 * (query-string SigV4, what lib/storage signs for browsers) is verified in full, expiry included, as
 * S3 does, and answers with S3's CORS headers so a page on any origin can fetch ranges of it.
 */
export type StoredObject = {
  body: Buffer;
  contentType: string;
  lastModified: Date;
  etag: string;
  cacheControl?: string;
};
export type S3StandIn = {
  url: string;
  bucket: string;
  objects: Map<string, StoredObject>;
  /**
   * From now on, presigned URLs signed before `when` (to the second) are refused as expired: what
   * a listener's URL meets after a pause longer than its life, without waiting that long.
   */
  expireSignedBefore: (when: Date) => void;
  /** Multipart uploads started and neither completed nor aborted. */
  pendingUploads: () => number;
  /** Every request seen: method, path with query, the Range header when sent, and whether it was presigned. */
  requests: { method: string; url: string; range?: string; presigned: boolean; origin?: string }[];
  close: () => Promise<void>;
};

const MIN_PART = 5 * 1024 * 1024;
const md5 = (data: Buffer) => `"${createHash("md5").update(data).digest("hex")}"`;
const xmlEscape = (text: string) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
const xmlUnescape = (text: string) =>
  text
    .replace(/&#(\d+);/g, (_m, code) => String.fromCharCode(Number(code)))
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
const tags = (xml: string, name: string) =>
  [...xml.matchAll(new RegExp(`<${name}>([\\s\\S]*?)</${name}>`, "g"))].map((m) => xmlUnescape(m[1]));

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const encoding = `${request.headers["content-encoding"] ?? ""} ${request.headers["x-amz-content-sha256"] ?? ""}`;
  return /aws-chunked|STREAMING-/.test(encoding) ? decodeAwsChunked(raw) : raw;
}

/** aws-chunked bodies: `<hex size>[;chunk-signature=…]\r\n<data>\r\n` … `0\r\n` [trailers]. */
function decodeAwsChunked(raw: Buffer): Buffer {
  const out: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = raw.indexOf("\r\n", offset);
    const size = parseInt(raw.subarray(offset, lineEnd).toString("latin1").split(";")[0], 16);
    if (!size) return Buffer.concat(out);
    out.push(raw.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
}

function send(response: ServerResponse, status: number, body = "", headers: Record<string, string> = {}) {
  response.writeHead(status, { "Content-Type": "application/xml", ...headers });
  response.end(body);
}
const error = (
  response: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
) =>
  send(
    response,
    status,
    `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message></Error>`,
    headers,
  );

const hmac = (key: Buffer | string, data: string) => createHmac("sha256", key).update(data).digest();
const sha256 = (data: string) => createHash("sha256").update(data).digest("hex");
/** RFC 3986 encoding, as SigV4's canonical query string wants it. */
const rfc3986 = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export type PresignCheck =
  { ok: true } | { ok: false; code: "AccessDenied" | "SignatureDoesNotMatch"; message: string };

/**
 * Verifies a presigned (query-string) SigV4 request the way S3 does: the canonical request rebuilt
 * from the method, the path as sent, the other query parameters and the signed headers, signed with
 * the secret key of the credential's scope; then X-Amz-Date + X-Amz-Expires must lie ahead.
 */
export function verifyPresigned(
  method: string,
  rawPath: string,
  query: URLSearchParams,
  headers: Record<string, string | string[] | undefined>,
  secretAccessKey: string,
  now = new Date(),
): PresignCheck {
  const denied = (message: string): PresignCheck => ({ ok: false, code: "AccessDenied", message });
  if (query.get("X-Amz-Algorithm") !== "AWS4-HMAC-SHA256") return denied("Only AWS4-HMAC-SHA256 is supported");
  const credential = query.get("X-Amz-Credential")?.split("/") ?? [];
  const amzDate = query.get("X-Amz-Date") ?? "";
  const expires = Number(query.get("X-Amz-Expires"));
  const signedHeaders = query.get("X-Amz-SignedHeaders") ?? "";
  const signature = query.get("X-Amz-Signature") ?? "";
  const dateMatch = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (credential.length !== 5 || !dateMatch || !Number.isInteger(expires) || expires < 1 || expires > 604_800)
    return denied("Malformed presigned request");
  const [, date, region, service, terminator] = credential;
  if (date !== amzDate.slice(0, 8) || terminator !== "aws4_request") return denied("Malformed credential scope");

  const canonicalQuery = [...query.entries()]
    .filter(([name]) => name !== "X-Amz-Signature")
    .map(([name, value]) => [rfc3986(name), rfc3986(value)])
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
  const names = signedHeaders.split(";");
  const canonicalHeaders = names
    .map(
      (name) =>
        `${name}:${String(headers[name] ?? "")
          .trim()
          .replace(/\s+/g, " ")}\n`,
    )
    .join("");
  const payload = query.get("X-Amz-Content-Sha256") ?? "UNSIGNED-PAYLOAD";
  const canonicalRequest = [method, rawPath, canonicalQuery, canonicalHeaders, signedHeaders, payload].join("\n");
  const scope = `${date}/${region}/${service}/aws4_request`;
  const toSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256(canonicalRequest)].join("\n");
  const key = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date), region), service), "aws4_request");
  const expected = Buffer.from(hmac(key, toSign).toString("hex"));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, code: "SignatureDoesNotMatch", message: "The request signature we calculated does not match" };
  }
  const [, y, mo, d, h, mi, se] = dateMatch.map(Number);
  const signedAt = Date.UTC(y, mo - 1, d, h, mi, se);
  if (now.getTime() > signedAt + expires * 1000) return denied("Request has expired");
  return { ok: true };
}

/** When a presigned URL was signed (its X-Amz-Date, `20261203T101500Z`), in ms. */
function signedAt(amzDate: string | null) {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate ?? "");
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : 0;
}

/** S3's answer to a bucket CORS rule allowing GET and HEAD with Range from any origin. */
function corsHeaders(origin: string | undefined): Record<string, string> {
  if (!origin) return {};
  return {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "Accept-Ranges, Content-Length, Content-Range, ETag",
    Vary: "Origin",
  };
}

export async function startS3StandIn(
  options: {
    bucket?: string;
    listPageSize?: number;
    /** The secret presigned URLs must be signed with ("test-secret", as the tests configure). */
    secretAccessKey?: string;
    /** A fixed port (a standalone stand-in for the browser tests); any free one otherwise. */
    port?: number;
    /** The clock presigned URLs are checked against. */
    now?: () => Date;
  } = {},
): Promise<S3StandIn> {
  const bucket = options.bucket ?? "merchtable-test";
  const secretAccessKey = options.secretAccessKey ?? "test-secret";
  const clock = options.now ?? (() => new Date());
  const pageSize = options.listPageSize ?? 1000;
  const objects = new Map<string, StoredObject>();
  const uploads = new Map<
    string,
    { key: string; contentType: string; cacheControl?: string; parts: Map<number, Buffer> }
  >();
  const requests: S3StandIn["requests"] = [];
  let expiredBefore = 0;

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? "/", "http://stand-in");
    const method = request.method ?? "GET";
    const presigned = url.searchParams.has("X-Amz-Signature");
    const origin = request.headers.origin;
    // What a process supervisor (Playwright's webServer, the benchmark) polls: unsigned, GET, this path only.
    if (method === "GET" && url.pathname === "/health")
      return send(response, 200, "ok", { "Content-Type": "text/plain" });
    requests.push({ method, url: url.pathname + url.search, range: request.headers.range, presigned, origin });
    if (method === "OPTIONS") {
      // CORS preflight (a fetch with Range from another origin): allowed for reads only.
      const asked = String(request.headers["access-control-request-method"] ?? "");
      if (!origin || !["GET", "HEAD"].includes(asked)) return error(response, 403, "AccessForbidden", "CORS rule");
      response.writeHead(200, {
        ...corsHeaders(origin),
        "Access-Control-Allow-Methods": "GET, HEAD",
        "Access-Control-Allow-Headers": "Range, If-Range, If-None-Match",
        "Access-Control-Max-Age": "3600",
      });
      return response.end();
    }
    if (presigned) {
      if (method !== "GET" && method !== "HEAD") return error(response, 403, "AccessDenied", "Presigned for reads");
      const rawPath = (request.url ?? "/").split("?")[0];
      const check = verifyPresigned(method, rawPath, url.searchParams, request.headers, secretAccessKey, clock());
      if (!check.ok) return error(response, 403, check.code, check.message, corsHeaders(origin));
      if (signedAt(url.searchParams.get("X-Amz-Date")) < expiredBefore)
        return error(response, 403, "AccessDenied", "Request has expired", corsHeaders(origin));
    } else if (!String(request.headers.authorization ?? "").startsWith("AWS4-HMAC-SHA256")) {
      return error(response, 403, "AccessDenied", "Requests must be signed");
    }
    const [, bucketName, ...rest] = url.pathname.split("/");
    if (bucketName !== bucket) return error(response, 404, "NoSuchBucket", `No bucket ${bucketName}`);
    const key = rest.map(decodeURIComponent).join("/");
    const q = url.searchParams;

    if (!key) {
      if (method === "GET" && q.get("list-type") === "2") {
        const prefix = q.get("prefix") ?? "";
        const keys = [...objects.keys()].filter((k) => k.startsWith(prefix)).sort();
        const after = q.get("continuation-token");
        const start = after ? keys.findIndex((k) => k > after) : 0;
        const page = start === -1 ? [] : keys.slice(start, start + pageSize);
        const truncated = start !== -1 && start + pageSize < keys.length;
        const contents = page
          .map((k) => `<Contents><Key>${xmlEscape(k)}</Key><Size>${objects.get(k)!.body.length}</Size></Contents>`)
          .join("");
        const next = truncated
          ? `<NextContinuationToken>${xmlEscape(page[page.length - 1])}</NextContinuationToken>`
          : "";
        return send(
          response,
          200,
          `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>${bucket}</Name><Prefix>${xmlEscape(prefix)}</Prefix><KeyCount>${page.length}</KeyCount><IsTruncated>${truncated}</IsTruncated>${contents}${next}</ListBucketResult>`,
        );
      }
      if (method === "POST" && q.has("delete")) {
        const body = (await readBody(request)).toString("utf8");
        const deleted = tags(body, "Key");
        for (const k of deleted) objects.delete(k);
        const quiet = tags(body, "Quiet")[0] === "true";
        const list = quiet ? "" : deleted.map((k) => `<Deleted><Key>${xmlEscape(k)}</Key></Deleted>`).join("");
        return send(response, 200, `<?xml version="1.0" encoding="UTF-8"?><DeleteResult>${list}</DeleteResult>`);
      }
      return error(response, 400, "NotImplemented", `${method} on the bucket`);
    }

    if (method === "POST" && q.has("uploads")) {
      const uploadId = randomUUID();
      uploads.set(uploadId, {
        key,
        contentType: String(request.headers["content-type"] ?? "binary/octet-stream"),
        cacheControl: request.headers["cache-control"],
        parts: new Map(),
      });
      return send(
        response,
        200,
        `<?xml version="1.0" encoding="UTF-8"?><InitiateMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${xmlEscape(key)}</Key><UploadId>${uploadId}</UploadId></InitiateMultipartUploadResult>`,
      );
    }
    const uploadId = q.get("uploadId");
    if (uploadId) {
      const upload = uploads.get(uploadId);
      if (!upload || upload.key !== key) return error(response, 404, "NoSuchUpload", "No such upload");
      if (method === "PUT") {
        const data = await readBody(request);
        upload.parts.set(Number(q.get("partNumber")), data);
        return send(response, 200, "", { ETag: md5(data) });
      }
      if (method === "DELETE") {
        uploads.delete(uploadId);
        return send(response, 204);
      }
      if (method === "POST") {
        const body = (await readBody(request)).toString("utf8");
        const numbers = tags(body, "PartNumber").map(Number);
        const etags = tags(body, "ETag");
        if (numbers.length === 0) return error(response, 400, "MalformedXML", "No parts");
        const chosen: Buffer[] = [];
        for (const [i, n] of numbers.entries()) {
          const part = upload.parts.get(n);
          if (!part || md5(part) !== etags[i])
            return error(response, 400, "InvalidPart", `Part ${n} is missing or its ETag differs`);
          if (i > 0 && numbers[i - 1] >= n) return error(response, 400, "InvalidPartOrder", "Parts must ascend");
          if (i < numbers.length - 1 && part.length < MIN_PART)
            return error(response, 400, "EntityTooSmall", `Part ${n} is under 5 MiB`);
          chosen.push(part);
        }
        const data = Buffer.concat(chosen);
        objects.set(key, {
          body: data,
          contentType: upload.contentType,
          cacheControl: upload.cacheControl,
          lastModified: new Date(),
          etag: `"${randomUUID()}-${numbers.length}"`,
        });
        uploads.delete(uploadId);
        return send(
          response,
          200,
          `<?xml version="1.0" encoding="UTF-8"?><CompleteMultipartUploadResult><Key>${xmlEscape(key)}</Key><ETag>${xmlEscape(objects.get(key)!.etag)}</ETag></CompleteMultipartUploadResult>`,
        );
      }
    }

    if (method === "PUT") {
      const data = await readBody(request);
      const etag = md5(data);
      objects.set(key, {
        body: data,
        contentType: String(request.headers["content-type"] ?? "binary/octet-stream"),
        cacheControl: request.headers["cache-control"],
        lastModified: new Date(),
        etag,
      });
      return send(response, 200, "", { ETag: etag });
    }
    if (method === "DELETE") {
      objects.delete(key);
      return send(response, 204);
    }
    const object = objects.get(key);
    if (method === "HEAD" || method === "GET") {
      if (!object)
        return method === "HEAD"
          ? send(response, 404, "", corsHeaders(origin))
          : error(response, 404, "NoSuchKey", "The specified key does not exist.", corsHeaders(origin));
      const query = url.searchParams;
      // response-* overrides count only on signed requests, as on S3.
      const headers: Record<string, string> = {
        "Content-Type": (presigned && query.get("response-content-type")) || object.contentType,
        ETag: object.etag,
        "Last-Modified": object.lastModified.toUTCString(),
        "Accept-Ranges": "bytes",
        ...corsHeaders(origin),
      };
      const disposition = presigned ? query.get("response-content-disposition") : null;
      if (disposition) headers["Content-Disposition"] = disposition;
      const cacheControl = (presigned && query.get("response-cache-control")) || object.cacheControl;
      if (cacheControl) headers["Cache-Control"] = cacheControl;
      const range = /^bytes=(\d+)-(\d*)$/.exec(request.headers.range ?? "");
      if (range) {
        const start = Number(range[1]);
        const end = Math.min(range[2] === "" ? object.body.length - 1 : Number(range[2]), object.body.length - 1);
        if (start >= object.body.length)
          return error(response, 416, "InvalidRange", "The requested range is not satisfiable", corsHeaders(origin));
        response.writeHead(206, {
          ...headers,
          "Content-Length": String(end - start + 1),
          "Content-Range": `bytes ${start}-${end}/${object.body.length}`,
        });
        return response.end(method === "GET" ? object.body.subarray(start, end + 1) : undefined);
      }
      response.writeHead(200, { ...headers, "Content-Length": String(object.body.length) });
      return response.end(method === "GET" ? object.body : undefined);
    }
    return error(response, 405, "MethodNotAllowed", method);
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((e: Error) => error(response, 500, "InternalError", e.message));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bucket,
    objects,
    pendingUploads: () => uploads.size,
    expireSignedBefore: (when) => void (expiredBefore = Math.floor(when.getTime() / 1000) * 1000),
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The settings that point the app's S3 driver at a stand-in (what `parseEnv` takes). */
export const standInSettings = (standIn: { url: string; bucket: string }) => ({
  STORAGE_DRIVER: "s3",
  S3_BUCKET: standIn.bucket,
  S3_ENDPOINT: standIn.url,
  S3_FORCE_PATH_STYLE: "true",
  S3_REGION: "eu-west-3",
  S3_ACCESS_KEY_ID: "test-key",
  S3_SECRET_ACCESS_KEY: "test-secret",
});
