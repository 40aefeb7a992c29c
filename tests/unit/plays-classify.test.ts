import { describe, expect, it } from "vitest";
import { classifyPlay, countryFrom, listenerHash, normalizeHost, playableSeconds } from "@/lib/plays";
import { reportPoints } from "@/lib/plays/classify";

const full = { isClip: false, clipSeconds: 30 };

describe("how a listen counts", () => {
  it("counts a 4-minute track heard to 90 % or more as complete", () => {
    expect(classifyPlay(216, 240, full)).toBe("complete");
    expect(classifyPlay(240, 240, full)).toBe("complete");
    expect(classifyPlay(215, 240, full)).toBe("partial");
  });

  it("counts a short track heard to its last two seconds as complete, but never under half of it", () => {
    expect(classifyPlay(8, 10, full)).toBe("complete");
    expect(classifyPlay(7.9, 10, full)).toBe("partial");
    expect(classifyPlay(2, 4, full)).toBe("complete");
    expect(classifyPlay(1.9, 4, full)).toBe("skip");
  });

  it("calls anything under five seconds that is not complete a skip", () => {
    expect(classifyPlay(0, 240, full)).toBe("skip");
    expect(classifyPlay(4.9, 240, full)).toBe("skip");
    expect(classifyPlay(5, 240, full)).toBe("partial");
  });

  it("measures a clip against the clip, not the whole track", () => {
    const clip = { isClip: true, clipSeconds: 30 };
    expect(playableSeconds(240, clip)).toBe(30);
    expect(classifyPlay(28, 240, clip)).toBe("complete");
    expect(classifyPlay(20, 240, clip)).toBe("partial");
    // A clip longer than the track is the track.
    expect(playableSeconds(12, clip)).toBe(12);
    expect(classifyPlay(11, 12, clip)).toBe("complete");
  });

  it("never calls a listen complete when the length is unknown, and ignores nonsense seconds", () => {
    expect(classifyPlay(600, null, full)).toBe("partial");
    expect(classifyPlay(3, 0, full)).toBe("skip");
    expect(classifyPlay(Number.NaN, 240, full)).toBe("skip");
    expect(classifyPlay(-10, 240, full)).toBe("skip");
  });
});

describe("when a player reports a listen that goes on", () => {
  it("as it starts counting, stops being a skip and becomes complete: each point moves it to its next class", () => {
    expect(reportPoints(200)).toEqual([0.5, 5, 180]);
    expect(reportPoints(30)).toEqual([0.5, 5, 27]);
    // A 4 s sting is complete at 2 s: the skip point after it would never change anything.
    expect(reportPoints(4)).toEqual([0.5, 2]);
    expect(reportPoints(null)).toEqual([0.5, 5]);
    for (const length of [4, 30, 200, 3600]) {
      const points = reportPoints(length);
      const classes = points.map((p) => classifyPlay(p, length));
      expect(classes.at(-1)).toBe("complete");
      expect(classifyPlay(points[0] - 0.01, length)).toBe("skip");
      for (let i = 1; i < points.length; i++) expect(classifyPlay(points[i] - 0.01, length)).not.toBe(classes[i]);
    }
  });
});

describe("what is kept about a listener", () => {
  const secret = "x".repeat(40);
  const day1 = new Date("2026-03-01T23:59:00Z");
  const day1Later = new Date("2026-03-01T00:01:00Z");
  const day2 = new Date("2026-03-02T00:01:00Z");
  const fan = { ip: "203.0.113.9", userAgent: "Mozilla/5.0 Test" };

  it("is a daily keyed hash that never contains the address", () => {
    const hash = listenerHash(secret, fan, day1);
    expect(hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(hash).not.toContain("203");
    expect(listenerHash(secret, fan, day1Later)).toBe(hash);
    expect(listenerHash(secret, fan, day2)).not.toBe(hash);
    expect(listenerHash(secret, { ...fan, ip: "203.0.113.10" }, day1)).not.toBe(hash);
    expect(listenerHash(secret, { ...fan, userAgent: "Other" }, day1)).not.toBe(hash);
    expect(listenerHash("y".repeat(40), fan, day1)).not.toBe(hash);
  });

  it("takes the country from a CDN header, ignoring unknown and Tor codes", () => {
    expect(countryFrom(new Headers({ "cf-ipcountry": "fr" }))).toBe("FR");
    expect(countryFrom(new Headers({ "x-vercel-ip-country": "DE" }))).toBe("DE");
    expect(countryFrom(new Headers({ "cf-ipcountry": "XX" }))).toBeNull();
    expect(countryFrom(new Headers({ "cf-ipcountry": "T1" }))).toBeNull();
    expect(countryFrom(new Headers({ "cf-ipcountry": "France" }))).toBeNull();
    expect(countryFrom(new Headers())).toBeNull();
  });

  it("keeps only the host name of an embedding site", () => {
    expect(normalizeHost("Band.Example.COM")).toBe("band.example.com");
    expect(normalizeHost("https://band.example.com:8443/page?x=1")).toBe("band.example.com");
    expect(normalizeHost("localhost")).toBe("localhost");
    expect(normalizeHost("not a host")).toBeNull();
    expect(normalizeHost("")).toBeNull();
    expect(normalizeHost(undefined)).toBeNull();
  });
});
