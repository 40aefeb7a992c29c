import { PLAYER_SCRIPT } from "@/lib/embed";

/** Widgets name this with a content hash (?v=), so it can be cached for a year. */
export function GET() {
  return new Response(PLAYER_SCRIPT, {
    headers: {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
