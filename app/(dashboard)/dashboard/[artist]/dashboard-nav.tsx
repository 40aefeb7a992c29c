"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** `badge` is a count worth a glance (orders to ship), with its words for screen readers. */
export type NavItem = { href: string; label: string; badge?: { count: number; label: string } };

export function DashboardNav({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Dashboard">
      <ul className="space-y-1 text-sm">
        {items.map((item, index) => {
          // Sections own their sub-pages (a release editor lights "Releases"); the overview is exact.
          const active = pathname === item.href || (index > 0 && pathname.startsWith(`${item.href}/`));
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={`flex items-center justify-between gap-2 rounded-md px-3 py-2 ${active ? "bg-ink font-medium text-white" : "hover:bg-stone-100"}`}
              >
                {item.label}
                {item.badge && item.badge.count > 0 && (
                  <span className="rounded-full bg-sky-600 px-1.5 text-xs font-medium tabular-nums text-white" title={item.badge.label} data-testid="nav-to-ship">
                    <span aria-hidden>{item.badge.count}</span>
                    <span className="sr-only">{item.badge.label}</span>
                  </span>
                )}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
