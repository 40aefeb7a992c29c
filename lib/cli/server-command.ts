import path from "node:path";

/**
 * How to run the production server (lib/cli/server.ts) on a port: `npm start`, the e2e tests
 * and the benchmark all use this, so what is tested and measured is what runs.
 */
export function appServerCommand(
  port: number | string,
  host?: string,
): { command: string; args: string[]; env: Record<string, string> } {
  const args = ["--import", "tsx", path.join(process.cwd(), "lib", "cli", "server.ts"), "-p", String(port)];
  if (host) args.push("-H", host);
  return { command: process.execPath, args, env: { NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" } };
}
