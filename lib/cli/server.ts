import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import next from "next";
import { closeProcessDb, processDb } from "@/db/pool";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { clientResolver, frontDoor } from "@/lib/net";
import { startPageCache } from "@/lib/page-cache";
import { fastFileToken, serveFileNode } from "@/lib/storage";
import { fastStreamTrackId, serveStream } from "@/lib/stream";

/**
 * The production server (`npm start`, the e2e tests and the benchmark): Next's own request
 * handler, with GET/HEAD /api/stream/<id> for published tracks answered in front of it by
 * lib/stream/stream-node.ts (same answers as the route; drafts still go to the route, which reads
 * the session), and GET/HEAD /api/files/<token>, the local driver's signed file addresses
 * (lib/storage/file-serve.ts, with the Content-Length a route handler loses). Every request first goes through lib/net/client-address.ts: the client's address
 * and protocol decided from the socket and the trusted proxies, HSTS when it came over HTTPS; then
 * through the page cache (lib/page-cache), which answers fan pages, widgets and oEmbed from
 * copies Next rendered once per change.
 * Usage: server.ts -p <port> [-H <host>].
 */
function option(flag: string) {
  const at = process.argv.indexOf(flag);
  return at === -1 ? undefined : process.argv[at + 1];
}

async function main() {
  const port = Number(option("-p") ?? process.env.PORT ?? 3000);
  const hostname = option("-H");
  const config = env(); // a bad setting (TRUSTED_PROXIES…) stops the server here, before Next loads
  // The pool Next's code uses too (db/pool.ts keeps one per process): opened here so a missing DATABASE_URL stops the server now.
  const db = processDb();
  // Next's own origin stays localhost whatever address the server listens on: Next names loopback
  // requests localhost, and a proxy.ts rewrite to another origin than its own (127.0.0.1 when
  // listening there) would be fetched as an outside request, through the proxy again.
  const app = next({ dev: false, dir: process.cwd(), hostname: "localhost", port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const admit = frontDoor(
    clientResolver({ proxies: config.TRUSTED_PROXIES, hops: config.TRUSTED_PROXY_HOPS }),
    new URL(config.APP_URL).protocol === "https:",
  );

  const pages = await startPageCache({
    enabled: config.PAGE_CACHE === "on",
    db,
    databaseUrl: config.DATABASE_URL!,
    appUrl: config.APP_URL,
    port,
    host: hostname,
    maxBytes: config.PAGE_CACHE_MB * 1024 * 1024,
    log: {
      warn: (context, message) => logger.warn(context, message),
      info: (context, message) => logger.info(context, message),
    },
  });

  const failed = (res: ServerResponse) => {
    if (res.headersSent) return void res.destroy();
    res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" });
    res.end("Internal Server Error");
  };
  const answer = (req: IncomingMessage, res: ServerResponse) => {
    // The local driver's signed file addresses: answered here so Content-Length reaches the fan.
    const fileToken = fastFileToken(req.method, req.url);
    if (fileToken) {
      return void serveFileNode(fileToken, req, res).catch((error: Error) => {
        logger.error({ err: error }, "files: answering failed");
        failed(res);
      });
    }
    const trackId = fastStreamTrackId(req.method, req.url);
    if (!trackId) return void handle(req, res);
    serveStream(db, trackId, req, res)
      .then(async (answered) => {
        if (!answered) await handle(req, res);
      })
      .catch((error: Error) => {
        logger.error({ err: error, trackId }, "stream: answering failed");
        failed(res);
      });
  };
  const server = createServer((req, res) => {
    admit(req, res);
    pages.handle(req, res, () => answer(req, res));
  });
  server.listen(port, hostname, () => process.stdout.write(`✓ Ready on http://${hostname ?? "localhost"}:${port}\n`));

  const stop = () => {
    server.close();
    void Promise.allSettled([app.close(), pages.close(), closeProcessDb()]).then(() => process.exit(0));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
