import type { ReactNode } from "react";

export function AuthShell({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <div className="mx-auto w-full max-w-md px-4 py-12 sm:py-16">
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      {intro && <p className="mt-2 text-sm text-muted">{intro}</p>}
      <div className="mt-8 rounded-lg border border-line bg-white p-6 shadow-xs">{children}</div>
    </div>
  );
}
