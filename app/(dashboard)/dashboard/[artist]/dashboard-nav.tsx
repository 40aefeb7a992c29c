"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export function DashboardNav({ items }: { items: { href: string; label: string }[] }) {
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
                className={`block rounded-md px-3 py-2 ${active ? "bg-ink font-medium text-white" : "hover:bg-stone-100"}`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
