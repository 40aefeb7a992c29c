import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { appServerCommand } from "@/lib/cli/server-command";
import { freePort } from "@/tests/support/free-port";

export type Running = { url: string; stop: () => Promise<void> };

/** Polls `url` until it answers (any status when `anyStatus`, else a 2xx). */
async function waitUntilUp(
  url: string,
  child: ChildProcess,
  what: string,
  options: { timeoutMs?: number; anyStatus?: boolean } = {},
) {
  const timeoutMs = options.timeoutMs ?? 90_000;
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode} before answering`);
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.ok || options.anyStatus) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what} did not answer ${url} within ${timeoutMs / 1000} s`);
}

/** Stops a server started below: the whole process group it leads, then waits for it to go. */
function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.pid === undefined) return resolve();
      child.once("exit", () => resolve());
      process.kill(-child.pid, "SIGTERM");
    });
}

/**
 * The app's production server on a free port with the given environment (the build must exist):
 * the one `npm start` runs (lib/cli/server.ts, Next with the audio stream answered in front).
 */
export async function startNext(env: NodeJS.ProcessEnv): Promise<Running & { pid: number; logs: () => string }> {
  const port = await freePort();
  let output = "";
  const server = appServerCommand(port, "127.0.0.1");
  const child = spawn(server.command, server.args, {
    env: { ...env, ...server.env, APP_URL: `http://127.0.0.1:${port}` },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout!.on("data", (chunk) => (output = (output + chunk).slice(-20_000)));
  child.stderr!.on("data", (chunk) => (output = (output + chunk).slice(-20_000)));
  const url = `http://127.0.0.1:${port}`;
  const stop = stopper(child);
  try {
    await waitUntilUp(`${url}/api/health`, child, "the app server");
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${output.slice(-4000)}`, { cause: error });
  }
  return { url, pid: child.pid!, stop, logs: () => output };
}

/** Debian's nginx, or null when it is not installed (the benchmark then says so). */
export function findNginx(): string | null {
  for (const candidate of [process.env.NGINX_PATH, "nginx", "/usr/sbin/nginx"]) {
    if (!candidate) continue;
    if (spawnSync(candidate, ["-v"], { stdio: "ignore" }).status === 0) return candidate;
  }
  return null;
}

/**
 * nginx serving `root` on a free port, run by this process with a throw-away configuration (no
 * system service, no files outside a temporary folder). One worker process, like the one Node
 * process it is compared with; sendfile on, access log off, as a tuned static server would be.
 * tcp_nopush (in Debian's stock nginx.conf) stays off: with ranges that do not start on a page
 * boundary it holds the last segment until the client's delayed ACK, 40 ms a request here.
 */
export async function startNginx(binary: string, root: string): Promise<Running> {
  const port = await freePort();
  const prefix = mkdtempSync(path.join(tmpdir(), "merchtable-nginx-"));
  for (const dir of ["body", "proxy", "fastcgi", "uwsgi", "scgi"]) mkdirSync(path.join(prefix, dir));
  const conf = path.join(prefix, "nginx.conf");
  const asRoot = process.getuid?.() === 0;
  writeFileSync(
    conf,
    `${asRoot ? "user root;\n" : ""}worker_processes 1;
daemon off;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  keepalive_requests 1000000;
  types { audio/mpeg mp3; }
  default_type application/octet-stream;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  server {
    listen 127.0.0.1:${port};
    root ${path.resolve(root)};
    location / { }
  }
}
`,
  );
  const child = spawn(binary, ["-p", prefix, "-c", conf, "-e", path.join(prefix, "error.log")], {
    stdio: "ignore",
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  const stopServer = stopper(child);
  const stop = async () => {
    await stopServer();
    rmSync(prefix, { recursive: true, force: true });
  };
  try {
    await waitUntilUp(`${url}/`, child, "nginx", { timeoutMs: 10_000, anyStatus: true });
  } catch (error) {
    const log = existsSync(path.join(prefix, "error.log")) ? readFileSync(path.join(prefix, "error.log"), "utf8") : "";
    await stop();
    throw new Error(`${(error as Error).message}\n${log}`, { cause: error });
  }
  return { url, stop };
}
