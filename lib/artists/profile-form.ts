import type { ImageKind, ImageProblem } from "@/lib/images";
import type { ImageUploads, ProfileResult } from "./profile";

/** Reads the profile form the onboarding and settings pages post. */
export async function readProfileForm(
  form: FormData,
): Promise<{ fields: Record<string, string>; uploads: ImageUploads }> {
  const fields: Record<string, string> = {};
  for (const key of [
    "name",
    "slug",
    "location",
    "bio",
    "links",
    "currency",
    "timeZone",
    "accentColor",
    "bannerLayout",
  ]) {
    const value = form.get(key);
    fields[key] = typeof value === "string" ? value : "";
  }
  const uploads: ImageUploads = {
    removeAvatar: form.get("removeAvatar") === "on",
    removeBanner: form.get("removeBanner") === "on",
  };
  for (const kind of ["avatar", "banner"] as const) {
    const file = form.get(kind);
    if (file instanceof File && file.size > 0) uploads[kind] = Buffer.from(await file.arrayBuffer());
  }
  return { fields, uploads };
}

type Translate = (key: string, values?: Record<string, string | number>) => string;

/** Field error codes from lib/artists → sentences in the visitor's language. */
export function describeProfileErrors(
  result: Extract<ProfileResult, { error: "invalid" }>,
  t: Translate,
  slug: string,
) {
  const out: Record<string, string> = {};
  for (const [field, code] of Object.entries(result.fieldErrors)) {
    if (!code) continue;
    const problem: ImageProblem | undefined = result.imageProblems?.[field as ImageKind];
    const values: Record<string, string | number> = { slug };
    if (problem?.reason === "too_large") Object.assign(values, { size: problem.sizeMb, max: problem.maxMb });
    if (problem?.reason === "not_image") values.kind = problem.looksLike ?? "none";
    // The Pro look's refusal lives with the plans' messages, with the upgrade link beside the field.
    out[field] = code === "pro_only" ? t("plans.look.refused") : t(`errors.${code}`, values);
  }
  return out;
}
