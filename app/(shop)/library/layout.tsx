import { ClientMessages } from "@/components/i18n/client-messages";

/** A fan's library: its forms (open by e-mail link, re-send, forget this device) get their messages. */
export default function LibraryLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["downloads.library", "collection"]}>{children}</ClientMessages>;
}
