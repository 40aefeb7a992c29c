import { getTranslations } from "next-intl/server";
import type { DownloadFormat } from "@/lib/audio/formats";

/** The formats a buyer will be able to download, shown before purchase. */
export async function DownloadFormats({
  formats,
  lossyMaster,
  hasTracks,
}: {
  formats: DownloadFormat[];
  lossyMaster: boolean;
  hasTracks: boolean;
}) {
  const t = await getTranslations("release");
  return (
    <section
      aria-labelledby="formats-title"
      className="rounded-lg border border-line bg-surface p-5"
      data-testid="download-formats"
    >
      <h2 id="formats-title" className="text-xs font-semibold uppercase tracking-wide text-muted">
        {t("formatsTitle")}
      </h2>
      {hasTracks ? (
        <>
          <p className="mt-2 text-sm">{t("formatsIntro")}</p>
          <ul className="mt-3 flex flex-wrap gap-1.5">
            {formats.map((format) => (
              <li key={format.id} className="rounded border border-line px-2 py-0.5 text-xs font-medium">
                {format.label}
                {format.lossless && <span className="ml-1 font-normal text-muted">· {t("lossless")}</span>}
              </li>
            ))}
          </ul>
          {lossyMaster && (
            <p className="mt-3 text-xs text-muted" data-testid="lossless-unavailable">
              {t("losslessUnavailable")}
            </p>
          )}
        </>
      ) : (
        <p className="mt-2 text-sm text-muted">{t("formatsNone")}</p>
      )}
    </section>
  );
}
