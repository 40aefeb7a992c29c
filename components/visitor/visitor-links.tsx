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
