import { libraryViewer } from "@/app/(shop)/library/library-session";
import { db } from "@/db";
import { isWishlisted, setWishlisted } from "@/lib/collection";

const PRIVATE = { "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex" } as const;

/**
 * The release page's heart (components/release/wishlist-heart.tsx): whether the signed-in fan has
 * this release on their wishlist. Answers for the library session's address only; never cached.
 */
export async function GET(request: Request) {
  const releaseId = new URL(request.url).searchParams.get("release") ?? "";
  const viewer = await libraryViewer();
  if (!viewer) return Response.json({ signedIn: false, saved: false }, { headers: PRIVATE });
  return Response.json(
    { signedIn: true, saved: await isWishlisted(db, viewer.email, releaseId) },
    { headers: PRIVATE },
  );
}

/** `{ releaseId, saved }`: hearts or un-hearts (cross-site posts are refused by proxy.ts). */
export async function POST(request: Request) {
  const viewer = await libraryViewer();
  if (!viewer) return Response.json({ error: "Sign in to your library first." }, { status: 401, headers: PRIVATE });
  const body = (await request.json().catch(() => null)) as { releaseId?: unknown; saved?: unknown } | null;
  if (!body || typeof body.releaseId !== "string" || typeof body.saved !== "boolean")
    return Response.json({ error: "Send { releaseId, saved }." }, { status: 400, headers: PRIVATE });
  const result = await setWishlisted(db, viewer.email, body.releaseId, body.saved);
  if (!result.ok) return Response.json({ error: "This release is not available." }, { status: 404, headers: PRIVATE });
  return Response.json({ signedIn: true, saved: result.saved }, { headers: PRIVATE });
}
