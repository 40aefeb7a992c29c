"use client";

import Link from "next/link";
import { signOutAction } from "@/components/layout/actions";
import { useVisitor } from "./use-visitor";

export type NavLabels = { dashboard: string; signOut: string; signIn: string; signUp: string };

/**
 * The header's account links on a cached fan page: signed-out links in the shared HTML, the
 * visitor's own (dashboard, e-mail, sign out) once /api/visitor says who they are.
 */
export function VisitorNav({ labels }: { labels: NavLabels }) {
  const visitor = useVisitor();
  return visitor?.signedIn ? (
    <SignedInLinks email={visitor.email} labels={labels} />
  ) : (
    <SignedOutLinks labels={labels} />
  );
}

export function SignedInLinks({ email, labels }: { email: string | null; labels: NavLabels }) {
  return (
    <>
      <Link href="/dashboard" className="rounded px-1.5 py-1 hover:bg-stone-100 sm:px-2">
        {labels.dashboard}
      </Link>
      <span className="hidden text-muted md:inline" data-testid="signed-in-as">
        {email}
      </span>
      <form action={signOutAction}>
        <button type="submit" className="rounded px-1.5 py-1 hover:bg-stone-100 sm:px-2">
          {labels.signOut}
        </button>
      </form>
    </>
  );
}

export function SignedOutLinks({ labels }: { labels: NavLabels }) {
  return (
    <>
      <Link href="/signin" className="rounded px-1.5 py-1 hover:bg-stone-100 sm:px-2">
        {labels.signIn}
      </Link>
      <Link
        href="/signup"
        className="hidden rounded-md bg-ink px-3 py-1.5 font-medium text-white hover:bg-stone-700 sm:inline-block"
      >
        {labels.signUp}
      </Link>
    </>
  );
}
