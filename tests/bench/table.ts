import autocannon, { type Options, type Result } from "autocannon";

/** Prints a plain-text table with a title; columns sized to their widest cell. */
export function printTable(title: string, header: string[], rows: string[][]) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  process.stdout.write(`\n${title}\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}\n`);
  for (const row of rows) process.stdout.write(`${line(row)}\n`);
}

export const fixed = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : "n/a");
export const percent = (part: number, whole: number) => (whole > 0 ? `${((part / whole) * 100).toFixed(0)} %` : "n/a");

/** Seconds per measured run: BENCH_SECONDS (default 10). */
export const benchSeconds = () => Math.max(1, Number(process.env.BENCH_SECONDS ?? 10));

/**
 * One autocannon run; a short unmeasured run first warms the server (JIT, pools, caches).
 * `clientCpu` is the share of one core autocannon itself used: it runs in this process, and near
 * 100 % the load generator, not the server, sets the figure (its HTTP parser is plain JavaScript).
 */
export async function measure(options: Options, warmup = true): Promise<Result & { clientCpu: number }> {
  if (warmup) await autocannon({ ...options, duration: 2 });
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const result = await autocannon({ ...options, duration: options.duration ?? benchSeconds() });
  const cpu = process.cpuUsage(cpuBefore);
  return { ...result, clientCpu: (cpu.user + cpu.system) / 1000 / (performance.now() - started) };
}

/** "37 %", with a mark when the load generator was the bottleneck. */
export const clientLoad = (share: number) => `${(share * 100).toFixed(0)} %${share >= 0.85 ? " (client-bound)" : ""}`;

/** Responses outside the expected status codes, e.g. "12× 404"; empty when all were expected. */
export function unexpected(result: Result, expected: number[]) {
  const odd = Object.entries(result.statusCodeStats ?? {})
    .filter(([code]) => !expected.includes(Number(code)))
    .map(([code, { count }]) => `${count}× ${code}`);
  if (result.errors) odd.push(`${result.errors} errors`);
  if (result.timeouts) odd.push(`${result.timeouts} timeouts`);
  return odd.join(", ");
}

/** The q-quantile of ascending timings (nearest rank). */
export const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

/** Runs `run` 3 times unmeasured (plans, pools, caches), then `runs` times; the times in ms, ascending. */
export async function timings(run: () => Promise<unknown>, runs: number) {
  for (let i = 0; i < 3; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}
