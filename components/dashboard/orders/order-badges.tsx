import type { OrderStatus } from "@/db/schema";

const tones: Record<OrderStatus, string> = {
  pending: "bg-stone-100 text-muted",
  paid: "bg-emerald-50 text-emerald-800",
  canceled: "bg-stone-100 text-muted",
  refunded: "bg-red-50 text-red-800",
  partially_refunded: "bg-amber-50 text-amber-900",
};

/** The order's status as a pill; labels come translated from the page (selling.orders.statuses). */
export function StatusBadge({ status, label }: { status: OrderStatus; label: string }) {
  return (
    <span className={`inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs ${tones[status]}`}>{label}</span>
  );
}

export function ToShipBadge({ label }: { label: string }) {
  return (
    <span
      className="inline-block whitespace-nowrap rounded-full bg-sky-50 px-2 py-0.5 text-xs font-medium text-sky-800"
      data-testid="to-ship-badge"
    >
      {label}
    </span>
  );
}
