"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import type { ReleaseDayState } from "@/components/dashboard/releases/release-day-form";
import { db } from "@/db";
import { requireUser } from "@/lib/auth";
import { releaseNow, scheduleRelease } from "@/lib/release-day";

const str = (form: FormData, key: string) => String(form.get(key) ?? "").slice(0, 100);

/** Sets or moves a release's release day and its tracks available at once (a public POST: lib checks membership). */
export async function scheduleReleaseAction(_prev: ReleaseDayState, form: FormData): Promise<ReleaseDayState> {
  const user = await requireUser();
  const values = {
    date: str(form, "releaseDate"),
    time: str(form, "releaseTime"),
    available: form.getAll("available").map(String).slice(0, 500),
  };
  const result = await scheduleRelease(db, user.id, str(form, "releaseId"), {
    date: values.date,
    time: values.time,
    availableTrackIds: values.available,
  });
  const t = await getTranslations("releaseDayEditor");
  if (!result.ok) return { ok: false, error: t(`errors.${result.error}`), values };
  revalidatePath("/", "layout");
  return {
    ok: true,
    message:
      result.moved && result.release.status === "published" ? t("moved", { count: result.buyersTold }) : t("saved"),
  };
}

/** "Release now" on a pre-order. */
export async function releaseNowAction(_prev: ReleaseDayState, form: FormData): Promise<ReleaseDayState> {
  const user = await requireUser();
  const result = await releaseNow(db, user.id, str(form, "releaseId"));
  const t = await getTranslations("releaseDayEditor");
  if (!result.ok)
    return { ok: false, error: t(`errors.${result.error}`), values: { date: "", time: "", available: [] } };
  revalidatePath("/", "layout");
  return { ok: true, message: t("releasedNow") };
}
