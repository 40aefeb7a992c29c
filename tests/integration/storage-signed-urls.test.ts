import { createVerify, generateKeyPairSync, randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { IMMUTABLE, type StorageDriver } from "@/lib/storage";
import { s3Driver } from "@/lib/storage/s3";
import { standInSettings, startS3StandIn, type S3StandIn } from "@/tests/support/s3-stand-in";

let s3: S3StandIn;
let driver: StorageDriver;
let clock = new Date();

const s3Env = (extra: Record<string, string> = {}) =>
  parseEnv({
    ...standInSettings(s3),
    ...extra,
  });

beforeAll(async () => {
  s3 = await startS3StandIn({ now: () => clock });
  driver = s3Driver(s3Env());
});
afterAll(() => s3.close());

describe("S3 presigned URLs", () => {
  it("lets a browser on any origin read ranges of the object until the URL expires", async () => {
    clock = new Date();
    const data = randomBytes(50_000);
    await driver.put("streams/a1/t1.mp3", data, "audio/mpeg");
    const url = await driver.signedUrl("streams/a1/t1.mp3", { expiresInSeconds: 120 });
    expect(url).toContain("X-Amz-Signature=");
    expect(url).toContain("X-Amz-Expires=120");

    const ranged = await fetch(url, { headers: { Range: "bytes=100-199", Origin: "https://band.example" } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get("content-range")).toBe("bytes 100-199/50000");
    expect(ranged.headers.get("access-control-allow-origin")).toBe("*");
    expect(Buffer.from(await ranged.arrayBuffer()).equals(data.subarray(100, 200))).toBe(true);

    // Two minutes and a second later, the same URL is refused.
    clock = new Date(Date.now() + 121_000);
    const late = await fetch(url);
    expect(late.status).toBe(403);
    expect(await late.text()).toContain("Request has expired");
    clock = new Date();
  });

  it("refuses a URL whose key, expiry or signature was changed", async () => {
    await driver.put("streams/a1/t2.mp3", randomBytes(100), "audio/mpeg");
    await driver.put("streams/a1/t3.mp3", randomBytes(100), "audio/mpeg");
    const url = await driver.signedUrl("streams/a1/t2.mp3", { expiresInSeconds: 60 });
    for (const forged of [
      url.replace("t2.mp3", "t3.mp3"),
      url.replace("X-Amz-Expires=60", "X-Amz-Expires=6000"),
      url.replace(/X-Amz-Signature=([0-9a-f])/, (_m, c) => `X-Amz-Signature=${c === "0" ? "1" : "0"}`),
    ]) {
      const answer = await fetch(forged);
      expect(answer.status, forged).toBe(403);
      expect(await answer.text()).toMatch(/SignatureDoesNotMatch/);
    }
    expect((await fetch(url)).status).toBe(200);
  });

  it("answers with the type and attachment name it was signed with", async () => {
    await driver.put("archives/r1/flac.zip", randomBytes(10), "application/octet-stream");
    const disposition = `attachment; filename="Band - Album (FLAC).zip"; filename*=UTF-8''Band%20-%20Album%20%28FLAC%29.zip`;
    const url = await driver.signedUrl("archives/r1/flac.zip", {
      expiresInSeconds: 60,
      contentType: "application/zip",
      disposition,
    });
    const answer = await fetch(url);
    expect(answer.headers.get("content-type")).toBe("application/zip");
    expect(answer.headers.get("content-disposition")).toBe(disposition);
  });

  it("serves the Cache-Control an object was stored with (immutable renditions)", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "signed-")), "clip.mp3");
    writeFileSync(file, randomBytes(2000));
    await driver.putFromPath("clips/a1/t1-30s-x.mp3", file, "audio/mpeg", IMMUTABLE);
    const answer = await fetch(await driver.signedUrl("clips/a1/t1-30s-x.mp3", { expiresInSeconds: 60 }));
    expect(answer.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(answer.headers.get("content-length")).toBe("2000");
  });

  it("answers a CORS preflight for ranged reads", async () => {
    const answer = await fetch(`${s3.url}/${s3.bucket}/streams/a1/t1.mp3`, {
      method: "OPTIONS",
      headers: { Origin: "https://band.example", "Access-Control-Request-Method": "GET" },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("access-control-allow-headers")).toMatch(/Range/);
  });
});

describe("CloudFront signed URLs", () => {
  it("signs the CDN's address of the object with the key pair, a canned policy and the expiry", async () => {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const pem = privateKey.export({ type: "pkcs1", format: "pem" }).toString();
    const cdnDriver = s3Driver(
      s3Env({
        CDN_BASE_URL: "https://d111111abcdef8.cloudfront.net/",
        CDN_KEY_PAIR_ID: "K2JCJMDEHXQW5F",
        CDN_PRIVATE_KEY: pem.replace(/\n/g, "\\n"),
      }),
    );
    const now = new Date("2026-12-03T10:00:00Z");
    const signed = new URL(
      await cdnDriver.signedUrl("streams/a1/t1.mp3", { expiresInSeconds: 300, now, contentType: "audio/mpeg" }),
    );
    expect(signed.origin + signed.pathname).toBe("https://d111111abcdef8.cloudfront.net/streams/a1/t1.mp3");
    expect(signed.searchParams.get("Key-Pair-Id")).toBe("K2JCJMDEHXQW5F");
    expect(signed.searchParams.get("Expires")).toBe(String(now.getTime() / 1000 + 300));
    expect(signed.searchParams.get("response-content-type")).toBe("audio/mpeg");
    // CloudFront's canned policy: the resource as signed (the URL before its signature) and the expiry.
    const resource = signed.href.split(/[?&]Expires=/)[0];
    const policy = JSON.stringify({
      Statement: [{ Resource: resource, Condition: { DateLessThan: { "AWS:EpochTime": now.getTime() / 1000 + 300 } } }],
    });
    const signature = signed.searchParams.get("Signature")!.replace(/-/g, "+").replace(/_/g, "=").replace(/~/g, "/");
    expect(createVerify("RSA-SHA1").update(policy).verify(publicKey, signature, "base64")).toBe(true);
  });

  it("is refused without all three settings or without object storage", () => {
    expect(() => s3Env({ CDN_BASE_URL: "https://cdn.example" })).toThrow(/go together/);
    expect(() =>
      parseEnv({
        CDN_BASE_URL: "https://cdn.example",
        CDN_KEY_PAIR_ID: "K",
        CDN_PRIVATE_KEY: "-----BEGIN PRIVATE KEY-----",
      }),
    ).toThrow(/needs STORAGE_DRIVER=s3/);
  });
});
