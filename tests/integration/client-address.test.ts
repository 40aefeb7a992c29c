import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { handlers } from "@/lib/auth";
import { clientIp } from "@/lib/auth/client-ip";
import { CLIENT_PROTO_HEADER, clientResolver, frontDoor, HSTS_VALUE, type ProxyTrust } from "@/lib/net/client-address";
import { redeemCode, redeemLimit } from "@/lib/orders/redeem-code";
import { reset } from "@/lib/rate-limit";
import { unique, useTestDb } from "@/tests/support/factories";

const db = useTestDb();
afterAll(async () => {
  await (globalThis as { __merchtableDb?: { close?: () => Promise<void> } }).__merchtableDb?.close?.();
});

/**
 * The front door of lib/cli/server.ts on a real socket, with the app behind it reduced to one
 * per-address limit (download-code guessing: 10 per quarter hour) read through clientIp, as every
 * action and route does.
 */
let server: Server | undefined;
async function serve(trust: Partial<ProxyTrust>, appUrlIsHttps = false) {
  const admit = frontDoor(clientResolver({ proxies: [], hops: 0, ...trust }), appUrlIsHttps);
  server = createServer((req, res) => {
    admit(req, res);
    const headers = new Headers(
      Object.entries(req.headers).map(([name, value]): [string, string] => [name, String(value)]),
    );
    const ip = clientIp(headers);
    void redeemCode(db, { code: "NOSUCHCODE", email: "guess@example.test", subscribe: false, locale: "en", ip }).then(
      (result) => {
        res.setHeader("content-type", "application/json");
        res.end(
          JSON.stringify({
            ip,
            proto: headers.get(CLIENT_PROTO_HEADER),
            forwardedFor: headers.get("x-forwarded-for"),
            cdnCountry: headers.get("cf-ipcountry"),
            result: result.ok ? "ok" : result.reason,
          }),
        );
      },
    );
  });
  await new Promise<void>((done) => server!.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return async (headers: Record<string, string> = {}) => {
    const response = await fetch(`http://127.0.0.1:${port}/redeem`, { headers });
    const body = (await response.json()) as {
      ip: string;
      proto: string;
      forwardedFor: string;
      cdnCountry: string | null;
      result: string;
    };
    return { ...body, hsts: response.headers.get("strict-transport-security") };
  };
}

afterEach(async () => {
  await new Promise((done) => server?.close(done));
  await reset(db, "redeem:ip:127.0.0.1");
});

const spoofed = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}, ${unique("x")}`;

describe("per-address limits behind the server", () => {
  it("a client that makes up X-Forwarded-For values changes no limit: it stays its own socket address", async () => {
    await reset(db, "redeem:ip:127.0.0.1");
    const ask = await serve({});
    const answers = [];
    for (let i = 0; i <= redeemLimit.max; i++)
      answers.push(
        await ask({ "x-forwarded-for": spoofed(), "x-real-ip": "192.0.2.1", "x-merchtable-client-ip": "192.0.2.2" }),
      );
    expect(answers.map((a) => a.ip)).toEqual(Array(redeemLimit.max + 1).fill("127.0.0.1"));
    expect(answers.map((a) => a.forwardedFor)).toEqual(Array(redeemLimit.max + 1).fill("127.0.0.1"));
    expect(answers.slice(0, redeemLimit.max).every((a) => a.result === "unknown")).toBe(true);
    expect(answers.at(-1)?.result).toBe("rate_limited");
  });

  it("behind a trusted proxy each fan has their own limit, as the proxy reports them", async () => {
    const ask = await serve({ proxies: ["127.0.0.1"] });
    const fan = `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
    await reset(db, `redeem:ip:${fan}`);
    const net = `100.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < 2 * redeemLimit.max; i++)
      expect((await ask({ "x-forwarded-for": `${net}.${i + 1}` })).result).toBe("unknown");
    const same = [];
    for (let i = 0; i <= redeemLimit.max; i++) same.push(await ask({ "x-forwarded-for": `6.6.6.6, ${fan}` }));
    expect(same[0].ip).toBe(fan);
    expect(same.at(-1)?.result).toBe("rate_limited");
    await reset(db, `redeem:ip:${fan}`);
  });

  it("a hop count trusts the nearest proxies whatever their address", async () => {
    const ask = await serve({ hops: 1 });
    expect((await ask({ "x-forwarded-for": "6.6.6.6, 203.0.113.77" })).ip).toBe("203.0.113.77");
  });
});

describe("a CDN's country header", () => {
  it("reaches the app only through a trusted proxy, so a listener cannot choose where their plays count", async () => {
    const direct = await serve({});
    expect((await direct({ "cf-ipcountry": "KP" })).cdnCountry).toBeNull();
    await new Promise((done) => server?.close(done));

    const proxied = await serve({ proxies: ["127.0.0.1"] });
    expect((await proxied({ "cf-ipcountry": "BE" })).cdnCountry).toBe("BE");
  });
});

describe("Strict-Transport-Security", () => {
  it("is sent when a trusted proxy says the browser came over HTTPS, not when a client claims it", async () => {
    const direct = await serve({});
    expect(await direct({ "x-forwarded-proto": "https" })).toMatchObject({ proto: "http", hsts: null });
    await new Promise((done) => server?.close(done));

    const proxied = await serve({ proxies: ["127.0.0.1"] });
    expect(await proxied({ "x-forwarded-proto": "https" })).toMatchObject({ proto: "https", hsts: HSTS_VALUE });
    expect(await proxied({ "x-forwarded-proto": "http" })).toMatchObject({ proto: "http", hsts: null });
  });

  it("is always sent when the public address is https", async () => {
    const ask = await serve({}, true);
    expect((await ask()).hsts).toBe(HSTS_VALUE);
  });
});

describe("Secure cookies", () => {
  const csrfCookie = async (headers: Record<string, string>) =>
    (
      await handlers.GET(new NextRequest("http://localhost:3000/api/auth/csrf", { headers }))
    ).headers.getSetCookie()[0] ?? "";

  it("Auth.js sets __Host- Secure cookies over HTTPS, plain ones over HTTP", async () => {
    const secure = await csrfCookie({ [CLIENT_PROTO_HEADER]: "https" });
    expect(secure).toMatch(/^__Host-authjs\.csrf-token=/);
    expect(secure).toMatch(/;\s*Secure/i);
    const plain = await csrfCookie({ [CLIENT_PROTO_HEADER]: "http", "x-forwarded-proto": "https" });
    expect(plain).toMatch(/^authjs\.csrf-token=/);
    expect(plain).not.toMatch(/;\s*Secure/i);
  });
});
