import { getFormatter, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { db } from "@/db";
import { listOutbox, outboxEnabled } from "@/lib/email";

export const metadata = { title: "Dev outbox", robots: { index: false } };

/** Links in mails become clickable; the rest stays plain text. */
function Linkified({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s]+)/g);
  return (
    <>
      {parts.map((part, i) =>
        /^https?:\/\//.test(part) ? (
          <a key={i} href={part} className="break-all text-blue-700 underline">
            {part}
          </a>
        ) : (
          <span key={i}>{part}</span>
        ),
      )}
    </>
  );
}

export default async function DevMailPage() {
  if (!outboxEnabled()) notFound();
  const [t, format, mails] = await Promise.all([getTranslations("devMail"), getFormatter(), listOutbox(db)]);
  return (
    <div className="mx-auto max-w-4xl px-4 py-10 sm:px-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-2 text-sm text-muted">{t("intro")}</p>
      {mails.length === 0 ? (
        <p className="mt-8 text-sm">{t("empty")}</p>
      ) : (
        <ol className="mt-8 space-y-4">
          {mails.map((mail) => (
            <li key={mail.id} className="rounded-lg border border-line bg-white p-5" data-testid="dev-mail">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="font-medium">{mail.subject}</h2>
                <time className="text-xs text-muted" dateTime={mail.createdAt.toISOString()}>
                  {format.dateTime(mail.createdAt, { dateStyle: "medium", timeStyle: "medium" })}
                </time>
              </div>
              <p className="mt-1 text-sm text-muted">
                {t("to")}: <span data-testid="dev-mail-to">{mail.to}</span>
              </p>
              <pre className="mt-3 whitespace-pre-wrap font-sans text-sm">
                <Linkified text={mail.text} />
              </pre>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
