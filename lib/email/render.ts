/**
 * Plain, readable e-mails: a text part (what most spam filters and all terminals read) and a
 * minimal HTML part with one clear button.
 */
const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function renderEmail(input: { to: string; subject: string; intro: string; action?: { label: string; url: string }; outro?: string }) {
  const text = [input.intro, input.action ? `${input.action.label}: ${input.action.url}` : "", input.outro ?? ""]
    .filter(Boolean)
    .join("\n\n");
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1c1917;max-width:560px;margin:auto;padding:24px">
<p>${escape(input.intro)}</p>
${input.action ? `<p><a href="${escape(input.action.url)}" style="display:inline-block;background:#1c1917;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none">${escape(input.action.label)}</a></p><p style="font-size:12px;color:#57534e">${escape(input.action.url)}</p>` : ""}
${input.outro ? `<p style="color:#57534e">${escape(input.outro)}</p>` : ""}
<p style="font-size:12px;color:#a8a29e">Merchtable</p></body></html>`;
  return { to: input.to, subject: input.subject, text, html };
}
