import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";
import { pickMessages, type Namespace } from "@/lib/i18n";

/**
 * Gives the client components inside it the message namespaces they use, and nothing else: the
 * root layout provides none, so every page's HTML carries only its islands' text (the whole
 * catalogue is 54 KB). A client component outside any ClientMessages that calls useTranslations
 * fails to render; tests/unit/client-messages.test.ts checks each one's namespaces are given.
 */
export async function ClientMessages({
  namespaces,
  children,
}: {
  namespaces: readonly Namespace[];
  children: ReactNode;
}) {
  const messages = await getMessages();
  return <NextIntlClientProvider messages={pickMessages(messages, namespaces)}>{children}</NextIntlClientProvider>;
}
