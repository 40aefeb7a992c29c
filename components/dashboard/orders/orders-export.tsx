import { getTranslations } from "next-intl/server";
import { control } from "@/components/ui/field";

/** A plain GET form: the browser downloads the CSV the route handler sends as an attachment. */
export async function OrdersExport({ base }: { base: string }) {
  const t = await getTranslations("bandops.orders.export");
  const button = "rounded-md border border-stone-300 bg-white px-3 py-2 text-sm font-medium hover:bg-stone-50";
  return (
    <section className="rounded-lg border border-line bg-white p-6" data-testid="orders-export">
      <h2 className="mb-3 font-semibold">{t("title")}</h2>
      <form action={`${base}/export`} method="get" className="flex flex-wrap items-end gap-3 text-sm">
        <div>
          <label htmlFor="export-from" className="mb-1 block font-medium">
            {t("from")}
          </label>
          <input id="export-from" name="from" type="date" className={control} />
        </div>
        <div>
          <label htmlFor="export-to" className="mb-1 block font-medium">
            {t("to")}
          </label>
          <input id="export-to" name="to" type="date" className={control} />
        </div>
        <button type="submit" name="kind" value="orders" className={button}>
          {t("orders")}
        </button>
        <button type="submit" name="kind" value="lines" className={button}>
          {t("lines")}
        </button>
      </form>
      <p className="mt-2 text-xs text-muted">{t("hint")}</p>
    </section>
  );
}
