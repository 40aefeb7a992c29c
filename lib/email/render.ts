/**
 * Plain, readable e-mails: a text part (what most spam filters and all terminals read) and a
 * minimal HTML part with one clear button.
 */
export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export type EmailInput = {
  to: string;
  subject: string;
  intro: string;
  /** A small two-column table (receipt lines, totals, an address). */
  rows?: [string, string][];
  action?: { label: string; url: string };
  /** A list of links, one a line (a whole collection's downloads). */
  links?: { label: string; url: string }[];
  outro?: string;
};

export function renderEmail(input: EmailInput) {
  const rows = input.rows ?? [];
  const width = Math.max(0, ...rows.map(([label]) => label.length));
  const text = [
    input.intro,
    rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join("\n"),
    input.action ? `${input.action.label}: ${input.action.url}` : "",
    (input.links ?? []).map((link) => `${link.label}\n${link.url}`).join("\n\n"),
    input.outro ?? "",
  ]
    .filter(Boolean)
    .join("\n\n");
  const table = rows.length
    ? `<table style="border-collapse:collapse;width:100%;margin:16px 0">${rows
        .map(
          ([label, value]) =>
            `<tr><td style="padding:4px 8px 4px 0;border-bottom:1px solid #e7e5e4">${escapeHtml(label)}</td><td style="padding:4px 0;border-bottom:1px solid #e7e5e4;text-align:right;white-space:pre-line">${escapeHtml(value)}</td></tr>`,
        )
        .join("")}</table>`
    : "";
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1c1917;max-width:560px;margin:auto;padding:24px">
<p>${escapeHtml(input.intro)}</p>
${table}
${input.action ? `<p><a href="${escapeHtml(input.action.url)}" style="display:inline-block;background:#1c1917;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none">${escapeHtml(input.action.label)}</a></p><p style="font-size:12px;color:#57534e">${escapeHtml(input.action.url)}</p>` : ""}
${input.links?.length ? `<ul style="padding-left:20px">${input.links.map((link) => `<li style="margin:6px 0"><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></li>`).join("")}</ul>` : ""}
${input.outro ? `<p style="color:#57534e">${escapeHtml(input.outro)}</p>` : ""}
<p style="font-size:12px;color:#a8a29e">Merchtable</p></body></html>`;
  return { to: input.to, subject: input.subject, text, html };
}
