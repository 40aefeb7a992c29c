import { getTranslations } from "next-intl/server";
import type { DocumentLink } from "@/lib/documents";

/** An order's receipt and credit notes as PDF links under `base` (the route that checks who asks). */
export async function DocumentLinks({ base, links }: { base: string; links: DocumentLink[] | undefined }) {
  if (!links?.length) return null;
  const t = await getTranslations("documents.links");
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm" data-testid="document-links">
      {links.map((link) => (
        <li key={link.ref}>
          <a
            href={`${base}/${link.ref}`}
            className="underline underline-offset-2 hover:text-ink"
            data-testid={link.kind === "receipt" ? "receipt-link" : "credit-note-link"}
          >
            {link.kind === "receipt" ? t("receipt") : t("creditNote", { number: link.number ?? "" })}
          </a>
        </li>
      ))}
    </ul>
  );
}
