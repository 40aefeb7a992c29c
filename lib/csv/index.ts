import { BACK_OFFICE_LOCALES, isBackOfficeLocale, LOCALE_COOKIE, negotiateLocale, type Locale } from "@/lib/i18n";

/**
 * CSV for spreadsheets. A cell starting with = + - @ (or a tab / carriage return) is a formula to
 * Excel and LibreOffice, so a buyer who types `=HYPERLINK(…)` as their name must not get to run it
 * on the band's computer: such cells get a leading apostrophe (OWASP's advice).
 */
export type Cell = string | number | null | undefined;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows joined with CRLF (RFC 4180), behind a UTF-8 BOM so Excel reads accents right. */
export function toCsv(header: string[], rows: Cell[][]): string {
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
}

/** A download response; the file name is ASCII so no header encoding is needed. */
export function csvResponse(filename: string, body: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

/** Amounts as plain decimals ("12.50") in minor units' own precision, for sums in a spreadsheet. */
export function csvAmount(minor: number, currency: string): string {
  const digits =
    new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return (minor / 10 ** digits).toFixed(digits);
}

/** "2026-11-23 10:49:41" (UTC): sortable, and read as a date by every spreadsheet. */
export const csvTime = (date: Date | null) => (date ? date.toISOString().slice(0, 19).replace("T", " ") : "");

/** Route handlers have no next-intl context: the same rule as back-office pages (cookie, then Accept-Language; English or French). */
export function csvLocale(request: Request): Locale {
  const chosen = /(?:^|;\s*)([^=;]+)=([^;]*)/g;
  for (const [, name, value] of (request.headers.get("cookie") ?? "").matchAll(chosen))
    if (name === LOCALE_COOKIE && isBackOfficeLocale(value)) return value;
  return negotiateLocale(request.headers.get("accept-language"), BACK_OFFICE_LOCALES);
}
