import { describe, expect, it } from "vitest";
import { fileToken, verifyFileToken } from "@/lib/storage/file-token";

const secret = Buffer.alloc(32, 7);
const now = new Date("2026-12-03T10:00:00Z");

describe("local signed file addresses", () => {
  it("carries the key, type and disposition until it expires", () => {
    const token = fileToken(
      "archives/r1/flac-abc.zip",
      { expiresInSeconds: 300, now, contentType: "application/zip", disposition: "attachment; filename=a.zip" },
      secret,
    );
    const check = verifyFileToken(token, new Date(now.getTime() + 299_000), secret);
    expect(check).toEqual({
      ok: true,
      file: {
        key: "archives/r1/flac-abc.zip",
        expiresAt: now.getTime() / 1000 + 300,
        contentType: "application/zip",
        disposition: "attachment; filename=a.zip",
      },
    });
    expect(verifyFileToken(token, new Date(now.getTime() + 300_000), secret)).toEqual({ ok: false, reason: "expired" });
  });

  it("refuses a changed payload, another secret and garbage", () => {
    const token = fileToken("streams/a/t.mp3", { expiresInSeconds: 60, now }, secret);
    const [payload, signature] = token.split(".");
    const forged = Buffer.from(
      Buffer.from(payload, "base64url").toString().replace("streams/a/t.mp3", "masters/a/t.wav"),
    ).toString("base64url");
    expect(verifyFileToken(`${forged}.${signature}`, now, secret)).toEqual({ ok: false, reason: "tampered" });
    expect(verifyFileToken(token, now, Buffer.alloc(32, 8))).toEqual({ ok: false, reason: "tampered" });
    expect(verifyFileToken("nothing", now, secret)).toEqual({ ok: false, reason: "malformed" });
    expect(verifyFileToken(`${payload}.${signature}x`, now, secret)).toEqual({ ok: false, reason: "malformed" });
  });

  it("never signs a key that could leave its folder", () => {
    expect(() => fileToken("../etc/passwd", { expiresInSeconds: 60 }, secret)).toThrow(/Invalid storage key/);
  });
});
