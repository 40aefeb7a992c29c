import { getTranslations } from "next-intl/server";
import { Notice } from "@/components/ui/notice";

/** The outcome a sponsor action redirected back with (?done=… or ?error=…), in words. */
export async function SponsorFlash({ done, error }: { done?: unknown; error?: unknown }) {
  const t = await getTranslations("sponsor.flash");
  if (typeof error === "string") {
    const key = `error.${error}`;
    return <Notice tone="error">{t.has(key) ? t(key) : t("error.invalid")}</Notice>;
  }
  if (typeof done === "string" && t.has(`done.${done}`)) return <Notice tone="success">{t(`done.${done}`)}</Notice>;
  return null;
}
