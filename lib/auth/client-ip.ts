/** The caller's address as the nearest proxy reports it (Next sets x-forwarded-for itself). */
export function clientIp(headers: Headers): string {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || "unknown";
}
