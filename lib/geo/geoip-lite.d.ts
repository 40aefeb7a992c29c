/** The part of geoip-lite (plain JavaScript, no types of its own) that lib/geo uses. */
declare module "geoip-lite" {
  export function lookup(ip: string): { country: string } | null;
}
