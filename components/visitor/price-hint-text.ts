import { getTranslations } from "next-intl/server";
import type { PriceHintText } from "./price-hint";

/** The price hint's words in the page's language, "{date}" left for the browser (no formatter shipped). */
export async function priceHintText(): Promise<PriceHintText> {
  const t = await getTranslations("prices");
  return { inclVat: t("inclVat"), approxTitle: t("approxTitle", { date: "{date}" }) };
}
