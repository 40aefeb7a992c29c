/**
 * Widgets are plain HTML strings (no React on the page), so every value from the database or
 * the query string goes through `escapeHtml` before it is written into markup.
 */
const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  "`": "&#96;",
};

export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"'`]/g, (c) => ENTITIES[c]);
}

/** A template tag: interpolations are escaped unless they are `raw(...)` (markup we built). */
export type Raw = { readonly __html: string };
export const raw = (html: string): Raw => ({ __html: html });

type Value =
  string | number | Raw | null | undefined | false | readonly (string | number | Raw | null | undefined | false)[];

function render(value: Value): string {
  if (value === null || value === undefined || value === false) return "";
  if (Array.isArray(value)) return value.map((v) => render(v)).join("");
  if (typeof value === "object" && "__html" in value) return value.__html;
  return escapeHtml(value as string | number);
}

export function html(strings: TemplateStringsArray, ...values: Value[]): Raw {
  let out = strings[0];
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1];
  });
  return raw(out);
}

/** JSON inside a <script type="application/json">: "<" is escaped so no "</script>" can close it. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
