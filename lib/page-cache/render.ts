import { randomBytes, timingSafeEqual } from "node:crypto";
import { request, type IncomingMessage } from "node:http";
import { SHARED_RENDER_HEADER } from "@/lib/http/shared-render";
import type { Rendered } from "./entry";

/**
 * The loopback render: the cache asks its own server for the shared copy of a page, as nobody in
 * particular (no Cookie, no Accept-Language, uncompressed). The secret header, random per
 * process, is what lets lib/cli/server.ts tell the cache's own request from a visitor's forgery.
 */
export const RENDER_SECRET_HEADER = "x-merch-shared-render-secret";

export type Render = (path: string) => Promise<Rendered>;

export function renderSecret() {
  const secret = randomBytes(24).toString("base64url");
  const expected = Buffer.from(secret);
  return {
    secret,
    /** True for a request carrying this process's secret (compared in constant time). */
    matches(value: string | string[] | undefined) {
      if (typeof value !== "string" || value.length !== secret.length) return false;
      return timingSafeEqual(Buffer.from(value), expected);
    },
  };
}

const RENDER_TIMEOUT_MS = 30_000;

export function loopbackRender(options: { port: number; host: string; publicHost: string; secret: string }): Render {
  return (path) =>
    new Promise<Rendered>((resolve, reject) => {
      const req = request(
        {
          host: options.host,
          port: options.port,
          path,
          method: "GET",
          headers: {
            // Next builds absolute URLs from Host: the public one, as a visitor's request has.
            host: options.publicHost,
            accept: "text/html,application/json;q=0.9,*/*;q=0.8",
            "accept-encoding": "identity",
            [SHARED_RENDER_HEADER]: "1",
            [RENDER_SECRET_HEADER]: options.secret,
          },
          timeout: RENDER_TIMEOUT_MS,
        },
        (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () =>
            resolve({ status: res.statusCode ?? 500, headers: res.headers, body: Buffer.concat(chunks) }),
          );
          res.on("error", reject);
        },
      );
      req.on("timeout", () =>
        req.destroy(new Error(`page cache: rendering ${path} took over ${RENDER_TIMEOUT_MS} ms`)),
      );
      req.on("error", reject);
      req.end();
    });
}
