import http, { type IncomingHttpHeaders } from "node:http";
import { expect, test } from "@playwright/test";

test("pages refuse to be framed and send a strict CSP", async ({ request }) => {
  for (const path of ["/", "/demo-band", "/signin", "/dashboard"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    const headers = response.headers();
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(headers["content-security-policy"], path).not.toMatch(/script-src [^;]*unsafe-inline/);
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
  }
});

test("account pages carry a nonce; cached fan pages the hashes of their own inline scripts", async ({ request }) => {
  for (const path of ["/signin", "/dashboard"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.headers()["content-security-policy"], path).toMatch(
      /script-src 'self' 'nonce-[^']+' 'strict-dynamic'/,
    );
  }
  for (const path of ["/", "/demo-band"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    const csp = response.headers()["content-security-policy"];
    expect(csp, path).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/]+=*')+;/);
    expect(csp, path).not.toMatch(/nonce|strict-dynamic/);
  }
});

test("pages whose address is a secret send no Referer", async ({ request }) => {
  for (const path of ["/library", "/download/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.headers()["referrer-policy"], path).toBe("no-referrer");
  }
});

test("writes from another site or a null origin are refused", async ({ request }) => {
  for (const origin of ["null", "https://evil.example"]) {
    const response = await request.post("/api/auth/signout", { headers: { Origin: origin }, form: { x: "1" } });
    expect(response.status(), origin).toBe(403);
    expect(await response.text()).toContain("refused");
  }
});

test("health reports the app and the database", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", app: "ok", database: "ok" });
});

test("pages run with the CSP in force and no console errors", async ({ page }) => {
  const errors: string[] = [];
  page.on("console", (msg) => msg.type() === "error" && errors.push(msg.text()));
  page.on("pageerror", (err) => errors.push(err.message));
  await page.goto("/signup");
  await page.getByLabel("Your name").fill("Script check");
  await page.getByTestId("locale-switcher").selectOption("fr");
  await expect(page.getByRole("heading", { name: "Créez votre compte" })).toBeVisible();
  expect(errors).toEqual([]);
});

test("a client that claims HTTPS over plain HTTP gets no HSTS and no Secure cookie (it is no trusted proxy)", async ({
  baseURL,
}) => {
  // The e2e server trusts loopback's X-Forwarded-* (tests/e2e/vat-cart.spec.ts places fans with
  // it), so this client speaks from another loopback address, 127.0.0.2, which no one trusts.
  const headers = { "X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.7" };
  const get = (path: string) =>
    new Promise<IncomingHttpHeaders>((resolve, reject) => {
      const url = new URL(path, baseURL);
      http
        .get({ host: url.hostname, port: url.port, path: url.pathname, headers, localAddress: "127.0.0.2" }, (res) => {
          res.resume();
          res.on("end", () => resolve(res.headers));
        })
        .on("error", reject);
    });
  for (const path of ["/", "/api/health"]) {
    expect((await get(path))["strict-transport-security"], path).toBeUndefined();
  }
  const cookie = ((await get("/api/auth/csrf"))["set-cookie"] ?? []).join("\n");
  expect(cookie).toMatch(/^authjs\.csrf-token=/);
  expect(cookie).not.toMatch(/;\s*Secure/i);
});
