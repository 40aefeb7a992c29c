import { getFormatter, getTranslations } from "next-intl/server";
import { db } from "@/db";
import { DOWNLOAD_FORMATS } from "@/lib/audio";
import { fanProfile, latestCollectionExport } from "@/lib/collection";
import { env } from "@/lib/env";
import { CollectionExportForm, PublicPageForm } from "./collection-forms";

/** The whole collection: download it in one format, export it as CSV, show it on a public page. */
export async function CollectionSection({ email, owned }: { email: string; owned: number }) {
  const [t, pub, format, latest, profile] = await Promise.all([
    getTranslations("collection.export"),
    getTranslations("collection.public"),
    getFormatter(),
    latestCollectionExport(db, email),
    fanProfile(db, email),
  ]);
  const day = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });
  const status =
    latest?.status === "ready" && latest.mailedAt
      ? t("statusReady", { date: day(latest.mailedAt) })
      : latest?.status === "failed"
        ? t("statusFailed", { error: latest.error ?? "" })
        : latest
          ? t("statusPreparing", { date: day(latest.createdAt) })
          : null;
  const base = env().APP_URL.replace(/\/$/, "");
  return (
    <section id="collection" className="scroll-mt-6 py-6" aria-labelledby="collection-title">
      <h2 id="collection-title" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <p className="mt-1 text-sm text-muted">{t("intro")}</p>
      {status && (
        <p className="mt-3 text-sm" data-testid="collection-export-status">
          {status}
        </p>
      )}
      {owned > 0 ? (
        <>
          <CollectionExportForm formats={DOWNLOAD_FORMATS.map((f) => ({ id: f.id, label: f.label }))} />
          <p className="mt-4 text-sm">
            <a
              href="/library/collection.csv"
              className="font-medium underline underline-offset-2"
              data-testid="collection-csv"
              download
            >
              {t("csv")}
            </a>
            <span className="block text-muted">{t("csvHint")}</span>
          </p>
        </>
      ) : (
        <p className="mt-3 text-sm text-muted">{t("empty")}</p>
      )}
      <div className="mt-8 rounded-lg border border-line bg-surface p-5" data-testid="public-page">
        <h3 className="font-semibold">{pub("title")}</h3>
        <p className="mt-1 text-sm text-muted">{pub("intro")}</p>
        {profile?.collectionPublic && profile.publicSlug ? (
          <p className="mt-3 text-sm" data-testid="public-page-live">
            {pub("live")}{" "}
            <a href={`/fans/${profile.publicSlug}`} className="font-medium underline underline-offset-2">
              {`${base}/fans/${profile.publicSlug}`}
            </a>
          </p>
        ) : (
          <p className="mt-3 text-sm">{pub("off")}</p>
        )}
        <PublicPageForm
          base={base}
          initial={{
            public: profile?.collectionPublic ?? false,
            displayName: profile?.displayName ?? "",
            slug: profile?.publicSlug ?? "",
          }}
        />
      </div>
    </section>
  );
}
