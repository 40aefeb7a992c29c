import http from "node:http";
import { benchSeconds } from "./table";

export type LeanResult = {
  requestsPerSecond: number;
  mbPerSecond: number;
  p99: number;
  statuses: Record<number, number>;
  clientCpu: number;
};

/**
 * A second load generator built on node:http (llhttp, written in C), used beside autocannon
 * because autocannon's JavaScript HTTP parser tops out near 40–50 MB/s on this machine: with big
 * bodies it measures itself, not the server. `connections` loops send requests back to back over
 * keep-alive sockets for BENCH_SECONDS, discarding the bodies.
 */
export async function leanLoad(
  url: string,
  options: { connections: number; headers?: () => Record<string, string>; seconds?: number },
): Promise<LeanResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const seconds = options.seconds ?? benchSeconds();
  const statuses: Record<number, number> = {};
  const latencies: number[] = [];
  let bytes = 0;
  const once = () =>
    new Promise<void>((resolve, reject) => {
      const started = performance.now();
      http
        .get(url, { agent, headers: options.headers?.() }, (response) => {
          response.on("data", (chunk: Buffer) => (bytes += chunk.length));
          response.on("end", () => {
            statuses[response.statusCode ?? 0] = (statuses[response.statusCode ?? 0] ?? 0) + 1;
            latencies.push(performance.now() - started);
            resolve();
          });
          response.on("error", reject);
        })
        .on("error", reject);
    });
  // Warm up like autocannon's runs do, then measure.
  for (const [duration, measured] of [
    [2, false],
    [seconds, true],
  ] as const) {
    if (measured) {
      bytes = 0;
      latencies.length = 0;
      for (const code of Object.keys(statuses)) delete statuses[Number(code)];
    }
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const until = started + duration * 1000;
    await Promise.all(
      Array.from({ length: options.connections }, async () => {
        while (performance.now() < until) await once();
      }),
    );
    if (!measured) continue;
    const elapsed = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    latencies.sort((a, b) => a - b);
    agent.destroy();
    return {
      requestsPerSecond: latencies.length / elapsed,
      mbPerSecond: bytes / (1024 * 1024) / elapsed,
      p99: latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? Number.NaN,
      statuses,
      clientCpu: (cpu.user + cpu.system) / 1000 / (elapsed * 1000),
    };
  }
  throw new Error("unreachable");
}
