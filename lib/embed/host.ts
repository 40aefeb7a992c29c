/**
 * The site that embedded a widget, as the widget's script reports it (ancestor origin or
 * referrer). Stored on carts, orders and plays, so it is reduced to a bare host name: lowercase,
 * no scheme, port, path or leading "www.", hostname characters only. Null when implausible.
 */
export const MAX_HOST_LENGTH = 253;

export function normalizeEmbedHost(raw: string | null | undefined): string | null {
  if (!raw || raw.length > 2048) return null;
  const value = raw.trim().toLowerCase();
  let host: string;
  try {
    host = new URL(value.includes("://") ? value : `https://${value}`).hostname;
  } catch {
    return null;
  }
  host = host.replace(/^www\./, "").replace(/\.$/, "");
  if (!host || host.length > MAX_HOST_LENGTH) return null;
  if (host === "localhost") return host;
  return /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/.test(host) ? host : null;
}
