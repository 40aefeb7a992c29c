"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";

/** `badge` is a count worth a glance (orders to ship), with its words for screen readers. */
export type NavItem = { href: string; label: string; badge?: { count: number; label: string } };
/** A heading over a few links; a group without a title is a single link on its own (Overview). */
export type NavGroup = { title?: string; items: NavItem[] };

/**
 * The back office's menu in a few groups (music, selling, fans, the band's site), so a band with
 * its first release sees where things are rather than a dozen equal links. Narrow screens get one
 * "Menu" button naming the current page, which opens the same groups.
 */
export function DashboardNav({ groups, labels }: { groups: NavGroup[]; labels: { menu: string; nav: string } }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const [shownFor, setShownFor] = useState(pathname);
  // Following a link closes the menu on a phone.
  if (shownFor !== pathname) {
    setShownFor(pathname);
    setOpen(false);
  }
  const overview = groups[0]?.items[0]?.href;
  const isActive = (href: string) => pathname === href || (href !== overview && pathname.startsWith(`${href}/`));
  const current = groups.flatMap((g) => g.items).find((item) => isActive(item.href));
  return (
    <nav aria-label={labels.nav}>
      <button
        type="button"
        onClick={() => setOpen(!open)}
        aria-expanded={open}
        aria-controls="dashboard-menu"
        className="flex w-full items-center justify-between rounded-md border border-stone-300 bg-white px-3 py-2 text-sm font-medium lg:hidden"
        data-testid="nav-toggle"
      >
        <span>
          {labels.menu}
          {current && <span className="font-normal text-muted"> · {current.label}</span>}
        </span>
        <span aria-hidden>{open ? "▴" : "▾"}</span>
      </button>
      <div
        id="dashboard-menu"
        className={`${open ? "mt-2 grid" : "hidden"} gap-4 rounded-md border border-line bg-white p-2 sm:grid-cols-2 lg:mt-0 lg:grid lg:grid-cols-1 lg:border-0 lg:bg-transparent lg:p-0`}
      >
        {groups.map((group, index) => (
          <div key={group.title ?? index}>
            {group.title && (
              <p className="mb-1 px-3 text-xs font-semibold uppercase tracking-wide text-muted">{group.title}</p>
            )}
            <ul className="space-y-0.5 text-sm">
              {group.items.map((item) => {
                const active = isActive(item.href);
                return (
                  <li key={item.href}>
                    <Link
                      href={item.href}
                      aria-current={active ? "page" : undefined}
                      className={`flex items-center justify-between gap-2 rounded-md px-3 py-1.5 ${active ? "bg-ink font-medium text-white" : "hover:bg-stone-100"}`}
                    >
                      {item.label}
                      {item.badge && item.badge.count > 0 && (
                        <span
                          className="rounded-full bg-sky-700 px-1.5 text-xs font-medium tabular-nums text-white"
                          title={item.badge.label}
                          data-testid="nav-to-ship"
                        >
                          <span aria-hidden>{item.badge.count}</span>
                          <span className="sr-only">{item.badge.label}</span>
                        </span>
                      )}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </div>
        ))}
      </div>
    </nav>
  );
}
