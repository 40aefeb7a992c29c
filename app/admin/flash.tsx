import { getTranslations } from "next-intl/server";
import { Notice } from "@/components/ui/notice";

/** The outcome an action redirected back with (?done=… or ?error=…), in words; unknown keys read as a generic error. */
export async function Flash({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { done, error } = await searchParams;
  const t = await getTranslations("admin.flash");
  if (typeof error === "string") {
    const key = `error.${error}`;
    return <Notice tone="error">{t.has(key) ? t(key) : t("error.invalid")}</Notice>;
  }
  if (typeof done === "string") {
    const key = `done.${done}`;
    return <Notice tone="success">{t.has(key) ? t(key) : t("done.generic")}</Notice>;
  }
  return null;
}
