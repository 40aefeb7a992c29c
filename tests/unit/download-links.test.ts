import { describe, expect, it } from "vitest";
import { FILE_LINK_TTL_SECONDS, parseFileLink, signFileLink, verifyFileLink } from "@/lib/downloads/links";

const secret = "a-test-secret-that-is-long-enough-for-env";
const now = new Date("2026-03-01T12:00:00Z");
const base = {
  grantId: "5b4c2a9e-0d51-4a7e-9a37-0f8c1b2d3e4f",
  releaseId: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
  trackId: null,
  format: "flac",
} as const;

const sign = (overrides: Partial<Parameters<typeof signFileLink>[0]> = {}) =>
  signFileLink({ ...base, ...overrides }, { secret, now });
const verify = (raw: string, at = now) => verifyFileLink(raw, { secret, now: at });
/** Replaces one dot-separated part of a signed link, keeping the signature. */
const swap = (raw: string, index: number, value: string) =>
  raw
    .split(".")
    .map((part, i) => (i === index ? value : part))
    .join(".");

describe("signed file links", () => {
  it("open for an hour what the page signed, and nothing else", () => {
    const raw = sign();
    expect(verify(raw)).toEqual({ ok: true, link: { ...base, expires: now.getTime() / 1000 + FILE_LINK_TTL_SECONDS } });
    const track = sign({ trackId: "9d8c7b6a-5f4e-4d3c-8b2a-190817263544", format: "mp3-320" });
    expect(verify(track)).toMatchObject({
      ok: true,
      link: { trackId: "9d8c7b6a-5f4e-4d3c-8b2a-190817263544", format: "mp3-320" },
    });
  });

  it("refuse a link whose grant, release, track, format or expiry was changed", () => {
    const raw = sign();
    const other = "ffffffff-0d51-4a7e-9a37-0f8c1b2d3e4f";
    const edits = [
      swap(raw, 0, other),
      swap(raw, 1, other),
      swap(raw, 2, other),
      swap(raw, 3, "mp3-320"),
      swap(raw, 4, String(now.getTime() / 1000 + 10 * 365 * 86400)),
    ];
    for (const edited of edits) expect(verify(edited), edited).toEqual({ ok: false, reason: "tampered" });
    // A track link turned into the whole album is a forgery too.
    const track = sign({ trackId: "9d8c7b6a-5f4e-4d3c-8b2a-190817263544" });
    expect(verify(swap(track, 2, "all"))).toEqual({ ok: false, reason: "tampered" });
  });

  it("refuse a changed or foreign signature", () => {
    const raw = sign();
    const signature = raw.split(".")[5];
    const flipped = (signature[0] === "A" ? "B" : "A") + signature.slice(1);
    expect(verify(swap(raw, 5, flipped))).toEqual({ ok: false, reason: "tampered" });
    const foreign = signFileLink(base, { secret: "another-secret-that-is-long-enough-too", now });
    expect(verify(foreign)).toEqual({ ok: false, reason: "tampered" });
  });

  it("expire after an hour", () => {
    const raw = sign();
    expect(verify(raw, new Date(now.getTime() + (FILE_LINK_TTL_SECONDS - 1) * 1000)).ok).toBe(true);
    expect(verify(raw, new Date(now.getTime() + FILE_LINK_TTL_SECONDS * 1000))).toEqual({
      ok: false,
      reason: "expired",
    });
  });

  it("refuse anything that is not a link at all", () => {
    for (const raw of [
      "",
      "abc",
      sign() + ".extra",
      swap(sign(), 3, "exe"),
      swap(sign(), 4, "soon"),
      swap(sign(), 0, "../../etc"),
      swap(sign(), 5, "short"),
    ]) {
      expect(verify(raw), raw).toEqual({ ok: false, reason: "malformed" });
    }
    expect(parseFileLink(swap(sign(), 2, "all"))?.trackId).toBeNull();
  });

  it("cannot be signed for an id that would break the format", () => {
    expect(() => sign({ releaseId: "a.b" })).toThrow(/Cannot sign/);
  });
});
