import { createServer } from "node:http";
import type { Running } from "./servers";

/**
 * The baseline the fan pages are read against: a page's HTML as it is now, with every script
 * removed, served as a static file by a bare Node server on another port; its stylesheet,
 * fonts and images still come from the app (proxied), so the page looks and lays out the same.
 */
export async function startStaticCopy(baseUrl: string, path: string): Promise<Running & { path: string }> {
  const html = (await (await fetch(baseUrl + path)).text())
    .replace(/<script\b[\s\S]*?<\/script>/g, "")
    .replace(/<link\b[^>]*\bas="script"[^>]*>/g, "");
  const server = createServer(async (request, response) => {
    if (request.url === "/") {
      response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(html);
      return;
    }
    try {
      const upstream = await fetch(baseUrl + (request.url ?? "/"));
      const body = Buffer.from(await upstream.arrayBuffer());
      const type = upstream.headers.get("content-type");
      response.writeHead(upstream.status, type ? { "Content-Type": type } : {}).end(body);
    } catch (error) {
      response.writeHead(502).end((error as Error).message);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return { url, path: "/", stop: () => new Promise((resolve) => server.close(() => resolve())) };
}
