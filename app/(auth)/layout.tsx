import { ClientMessages } from "@/components/i18n/client-messages";

/** Sign-in, sign-up and password forms translate in the browser (field errors): they get the "auth" messages. */
export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["auth"]}>{children}</ClientMessages>;
}
