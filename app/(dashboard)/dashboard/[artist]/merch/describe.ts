import type { ProductResult } from "@/lib/merch";

type Translate = (key: string, values?: Record<string, string | number>) => string;

/** Error codes from lib/merch → sentences; a refused photo is named, with what it looked like. */
export function describeProductErrors(result: Extract<ProductResult, { error: "invalid" }>, t: Translate) {
  const out: Record<string, string> = {};
  for (const [field, code] of Object.entries(result.fieldErrors)) {
    const problem = field === "photos" ? result.photoProblem : undefined;
    if (!problem) {
      out[field] = t(code);
      continue;
    }
    if (problem.reason === "too_large")
      out[field] = t(code, { name: problem.name, size: problem.sizeMb, max: problem.maxMb });
    else if (problem.reason === "not_image" && problem.looksLike)
      out[field] = t("photo_not_image_like", { name: problem.name, kind: problem.looksLike });
    else out[field] = t(code, { name: problem.name });
  }
  return out;
}
