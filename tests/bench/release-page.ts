import { fixed, measure, percent, printTable, unexpected } from "./table";

const CONNECTIONS = 50;

async function status(url: string) {
  const response = await fetch(url);
  const body = await response.text();
  return { status: response.status, kib: body.length / 1024 };
}

/**
 * A release page (server-rendered from the database) vs a static file of the same app, both
 * through the same proxy and server: requests/s and latency at 50 connections. While the release
 * page does not exist yet, the band's shop page stands in for it, and the table says so.
 */
export async function benchReleasePage(options: {
  baseUrl: string;
  releasePath: string;
  shopPath: string;
  staticPath: string;
}) {
  let page = {
    label: "release page",
    path: options.releasePath,
    ...(await status(options.baseUrl + options.releasePath)),
  };
  if (page.status !== 200) {
    const missing = `release page unavailable (HTTP ${page.status} at ${options.releasePath})`;
    page = {
      label: `shop page, standing in: ${missing}`,
      path: options.shopPath,
      ...(await status(options.baseUrl + options.shopPath)),
    };
    if (page.status !== 200) {
      printTable(
        "Release page",
        ["page", "status"],
        [[options.releasePath, `${missing}; shop page HTTP ${page.status}: not measured`]],
      );
      return;
    }
  }
  const rows: string[][] = [];
  const results = [];
  for (const [label, path] of [
    [`${page.label} ${page.path} (${page.kib.toFixed(0)} KiB)`, page.path],
    [`static file ${options.staticPath}`, options.staticPath],
  ] as const) {
    const result = await measure({ url: options.baseUrl + path, connections: CONNECTIONS });
    results.push(result);
    rows.push([
      label,
      fixed(result.requests.average),
      fixed(result.latency.p50),
      fixed(result.latency.p99),
      unexpected(result, [200]),
    ]);
  }
  const [dynamic, file] = results;
  rows.push([
    `${page.label.split(",")[0]} as a share of static`,
    percent(dynamic.requests.average, file.requests.average),
    "",
    "",
    "",
  ]);
  printTable(
    `Release page vs static, ${CONNECTIONS} connections`,
    ["page", "req/s", "p50 ms", "p99 ms", "unexpected"],
    rows,
  );
}
