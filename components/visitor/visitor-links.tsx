"use client";

import Link from "next/link";
import { useVisitor } from "./use-visitor";

/** "View cart (N)" once the visitor's cart at this band holds something. */
export function CartLink({
  artistId,
  href,
  label,
  className,
}: {
  artistId: string;
  href: string;
  label: string;
  className: string;
}) {
  const visitor = useVisitor(artistId);
  if (!visitor || visitor.cartCount === 0) return null;
  return (
    <Link href={href} className={className} data-testid="view-cart">
      {label} ({visitor.cartCount})
    </Link>
  );
}

/** A link only the band's members see (edit this release, manage the shop). */
export function MemberLink({
  artistId,
  href,
  label,
  className,
  testId,
}: {
  artistId: string;
  href: string;
  label: string;
  className: string;
  testId?: string;
}) {
  const visitor = useVisitor(artistId);
  if (!visitor?.member) return null;
  return (
    <Link href={href} className={className} data-testid={testId}>
      {label}
    </Link>
  );
}

/** A note only the band's members see (this release is unlisted): the shared page copy shows it to nobody else. */
export function MemberNote({ artistId, text, className }: { artistId: string; text: string; className: string }) {
  const visitor = useVisitor(artistId);
  if (!visitor?.member) return null;
  return (
    <p className={className} data-testid="member-note">
      {text}
    </p>
  );
}
