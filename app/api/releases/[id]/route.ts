import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/db";
import { currentUser } from "@/lib/auth";
import { artistSlugOfRelease } from "@/lib/catalog/listing";
import { setReleaseStatus } from "@/lib/catalog/releases";
import { env } from "@/lib/env";
import { upgradePath } from "@/lib/plans";
import { releaseIfDue } from "@/lib/release-day";

const bodySchema = z.object({ status: z.enum(["published", "draft"]), listed: z.boolean().optional() }).strict();

const json = (status: number, body: unknown) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

/**
 * For scripts and tools, with the band member's session cookie: publish or unpublish a release
 * and choose whether the shop lists it. The same checks as the dashboard's buttons (lib/catalog),
 * including the Free plan's limit: 409 with the message and where to upgrade.
 */
export async function PATCH(request: Request, ctx: RouteContext<"/api/releases/[id]">) {
  const [t, tl, ta] = await Promise.all([
    getTranslations("catalog.publishErrors"),
    getTranslations("plans.limit"),
    getTranslations("plans.api"),
  ]);
  const user = await currentUser();
  if (!user) return json(401, { error: "unauthenticated", message: ta("unauthenticated") });
  const { id } = await ctx.params;
  // Another band's release, a deleted one and a malformed id all answer the same.
  if (!z.string().uuid().safeParse(id).success) return json(404, { error: "not_found", message: t("not_found") });
  let raw: unknown;
  try {
    raw = await request.json();
  } catch {
    return json(400, { error: "invalid_json", message: ta("invalidJson") });
  }
  const parsed = bodySchema.safeParse(raw);
  if (!parsed.success)
    return json(400, {
      error: "invalid",
      message: ta("invalid"),
      issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    });
  const { status, listed } = parsed.data;
  const result = await setReleaseStatus(db, user.id, id, status, { listed });
  if (result.ok) {
    if (status === "published") await releaseIfDue(db, id);
    revalidatePath("/", "layout");
    const { release } = result;
    return json(200, {
      release: {
        id: release.id,
        slug: release.slug,
        title: release.title,
        status: release.status,
        listed: release.listed,
        publishedAt: release.publishedAt,
      },
    });
  }
  if (result.error === "not_found") return json(404, { error: "not_found", message: t("not_found") });
  if (result.error === "plan_limit") {
    const slug = await artistSlugOfRelease(db, id);
    return json(409, {
      error: "plan_limit",
      message: tl("plan_limit"),
      upgradeUrl: `${env().APP_URL}${upgradePath(slug!)}`,
    });
  }
  const message =
    result.error === "track_unpriced" ? t("track_unpriced", { title: result.track.title }) : t(result.error);
  return json(422, { error: result.error, message });
}
