import { formatCode } from "./generate";

/** Quotes every cell and defuses spreadsheet formulas (a cell starting with = + - @). */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

export function redeemUrl(appUrl: string, artistSlug: string, code: string): string {
  return `${new URL(`/${artistSlug}/redeem`, appUrl).toString()}?code=${formatCode(code)}`;
}

/** code, redeem URL, redeemed at (ISO, UTC), redeemed by: one row per code, for the band's own records. */
export function codesCsv(
  rows: { code: string; redeemedAt: Date | null; redeemedEmail: string | null }[],
  link: (code: string) => string,
): string {
  const lines = [["code", "redeem_url", "redeemed_at", "redeemed_by"].join(",")];
  for (const row of rows) {
    lines.push(
      [formatCode(row.code), link(row.code), row.redeemedAt?.toISOString() ?? "", row.redeemedEmail ?? ""]
        .map(cell)
        .join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}
