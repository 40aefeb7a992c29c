import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { seedDemo } from "@/db/seed";
import { buildIfNeeded, ensureDebianPackage, fail, localAuthSecret, log, prepareDatabase } from "@/lib/cli/runtime";
import { CHROMIUM_PATH } from "@/tests/support/chromium";

/**
 * `npm test`: every suite against a real PostgreSQL — DATABASE_URL when set (CI points it at a
 * fresh database), otherwise the embedded server with a database recreated for this run.
 * Ends with one plain "N passed, N failed" line summing all suites.
 * `npm test -- static|unit|integration|e2e` runs one suite; anything after it goes to that suite's
 * runner (`npm test -- e2e tests/e2e/buying.spec.ts`). "static" is the strict typecheck, the lint
 * and the dependency rules (`npm run deps`), one check each.
 */
/**
 * TEST_INSTANCE=name keeps a run's files apart from another run in the same checkout (its own
 * artifacts, storage and Next build folder); give it its own DATABASE_URL and E2E_PORT too.
 */
/** What `npm run deps` checks against .dependency-cruiser.cjs (layers, cycles, lib never importing app). */
const DEPS_SCOPE = ["lib", "db", "app", "components", "tests", "instrumentation.ts", "proxy.ts"];
const instance = process.env.TEST_INSTANCE ? `-${process.env.TEST_INSTANCE.replace(/[^a-z0-9_-]/gi, "")}` : "";
const artifacts = path.join(process.cwd(), "tests", `.artifacts${instance}`);
if (instance) process.env.NEXT_DIST_DIR ??= `.next${instance}`;
process.env.E2E_ARTIFACTS = artifacts;
type Tally = { passed: number; failed: number; skipped: number; names?: string[] };

function run(command: string, args: string[], env: NodeJS.ProcessEnv) {
  return spawnSync(command, args, { stdio: "inherit", env });
}

function vitestTally(file: string): Tally | null {
  if (!existsSync(file)) return null;
  const report = JSON.parse(readFileSync(file, "utf8"));
  type Result = { name: string; message?: string; assertionResults: { status: string; fullName: string }[] };
  const names = (report.testResults as Result[]).flatMap((file) => [
    ...file.assertionResults
      .filter((a) => a.status === "failed")
      .map((a) => `${path.relative(process.cwd(), file.name)} › ${a.fullName}`),
    // A file that failed to load or errored outside any test.
    ...(file.assertionResults.length === 0 && file.message
      ? [`${path.relative(process.cwd(), file.name)}: ${file.message.split("\n")[0]}`]
      : []),
  ]);
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
    names,
  };
}

function playwrightTally(file: string): Tally | null {
  if (!existsSync(file)) return null;
  type Spec = { title: string; file: string; line: number; ok: boolean };
  type Suite = { specs?: Spec[]; suites?: Suite[] };
  const report = JSON.parse(readFileSync(file, "utf8")) as { stats: Record<string, number>; suites: Suite[] };
  const specs = (suite: Suite): Spec[] => [...(suite.specs ?? []), ...(suite.suites ?? []).flatMap(specs)];
  const names = report.suites
    .flatMap(specs)
    .filter((spec) => !spec.ok)
    .map((spec) => `${spec.file}:${spec.line} › ${spec.title}`);
  const { stats } = report;
  return { passed: stats.expected, failed: stats.unexpected + stats.flaky, skipped: stats.skipped, names };
}

async function main() {
  const only = process.argv[2];
  const extra = process.argv.slice(3);
  const suites = only ? [only] : ["static", "unit", "integration", "e2e"];
  if (suites.some((s) => !["static", "unit", "integration", "e2e"].includes(s)))
    fail(`Unknown suite "${only}". Use static, unit, integration or e2e.`);
  ensureDebianPackage("ffmpeg", "ffmpeg", "audio is transcoded with Debian's ffmpeg");
  if (suites.includes("integration"))
    ensureDebianPackage("pdftotext", "poppler-utils", "the receipt tests read the PDFs' text with poppler");
  if (suites.includes("e2e")) {
    ensureDebianPackage(CHROMIUM_PATH, "chromium", "the browser tests drive Debian's Chromium");
  }
  rmSync(artifacts, { recursive: true, force: true });
  mkdirSync(artifacts, { recursive: true });

  // On the embedded server the test database is dropped and recreated for every run.
  const { url, server } = await prepareDatabase("merchtable_test", { fresh: true }).catch((e: Error) =>
    fail(e.message),
  );

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: url,
    AUTH_SECRET: localAuthSecret(),
    STORAGE_DIR: path.join(process.cwd(), ".data", `test-storage${instance}`),
    NEXT_TELEMETRY_DISABLED: "1",
    // The workers the tests start fetch exchange rates when none are fresh: never the real ECB.
    EXCHANGE_RATES_URL: process.env.EXCHANGE_RATES_URL ?? "http://127.0.0.1:9/eurofxref-daily.xml",
  };
  rmSync(env.STORAGE_DIR!, { recursive: true, force: true });

  const total: Tally = { passed: 0, failed: 0, skipped: 0 };
  const failures: string[] = [];
  const add = (name: string, tally: Tally | null, exitCode: number | null) => {
    const t = tally ?? { passed: 0, failed: 1, skipped: 0, names: [`${name}: the runner wrote no report`] };
    if (exitCode !== 0 && t.failed === 0) {
      t.failed = 1; // the runner itself failed (crash, build error, an error outside any test)
      t.names = [...(t.names ?? []), `${name}: the runner exited with code ${exitCode} (see its output above)`];
    }
    failures.push(...(t.names ?? []));
    log(`${name}: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`);
    total.passed += t.passed;
    total.failed += t.failed;
    total.skipped += t.skipped;
  };

  if (suites.includes("static")) {
    // Each counts as one test: passed when the tool exits cleanly.
    const checks: [string, string[]][] = [
      ["typecheck", ["node_modules/next/dist/bin/next", "typegen"]],
      ["typecheck", ["node_modules/typescript/bin/tsc", "--noEmit"]],
      ["lint", ["node_modules/eslint/bin/eslint.js", ".", "--max-warnings=0", ...(only === "static" ? extra : [])]],
      [
        "deps",
        [
          "node_modules/dependency-cruiser/bin/dependency-cruise.mjs",
          ...DEPS_SCOPE,
          "--config",
          ".dependency-cruiser.cjs",
        ],
      ],
      ["format", ["node_modules/prettier/bin/prettier.cjs", "--check", ".", "--log-level=warn"]],
    ];
    const failedChecks = new Set<string>();
    const failedNames = () => [...failedChecks].map((check) => `static: ${check} (see its output above)`);
    for (const [name, args] of checks)
      if (!failedChecks.has(name) && run(process.execPath, args, env).status !== 0) failedChecks.add(name);
    const names = new Set(checks.map(([name]) => name));
    add(
      `static (${[...names].join(", ")})`,
      { passed: names.size - failedChecks.size, failed: failedChecks.size, skipped: 0, names: failedNames() },
      0,
    );
  }

  const vitestProjects = suites.filter((s) => s !== "e2e" && s !== "static");
  if (vitestProjects.length) {
    const out = path.join(artifacts, "vitest.json");
    const args = [
      "node_modules/vitest/vitest.mjs",
      "run",
      ...vitestProjects.flatMap((p) => ["--project", p]),
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${out}`,
      ...extra,
    ];
    const result = run(process.execPath, args, env);
    add(vitestProjects.join(" + "), vitestTally(out), result.status);
  }

  if (suites.includes("e2e")) {
    process.env.AUTH_SECRET = env.AUTH_SECRET;
    process.env.STORAGE_DIR = env.STORAGE_DIR;
    await seedDemo(url); // the browser tests visit /demo-band as a newcomer would
    buildIfNeeded();
    const result = run(process.execPath, ["node_modules/@playwright/test/cli.js", "test", ...extra], env);
    add("e2e", playwrightTally(path.join(artifacts, "playwright.json")), result.status);
  }

  await server?.stop();
  // The names come last, next to the total, so a log cut to its tail still says what failed.
  if (failures.length) process.stdout.write(`\nFailed:\n${failures.map((name) => `  ${name}`).join("\n")}\n`);
  process.stdout.write(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`);
  process.exit(total.failed > 0 ? 1 : 0);
}

main();
