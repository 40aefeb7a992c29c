import { redirect } from "next/navigation";
import { db } from "@/db";
import { listArtistsForUser } from "@/lib/artists";
import { requireUser } from "@/lib/auth";

/** /dashboard: straight to the user's first band, or to creating one. */
export default async function DashboardIndex() {
  const user = await requireUser("/dashboard");
  const [first] = await listArtistsForUser(db, user.id);
  redirect(first ? `/dashboard/${first.slug}` : "/onboarding");
}
