/** "+12 %" in green, "−8 %" in red, nothing when there is no earlier figure to compare with. */
export function Change({ now, before, locale }: { now: number; before: number; locale: string }) {
  if (before === 0 || now === before) return null;
  const ratio = (now - before) / Math.abs(before);
  const text = new Intl.NumberFormat(locale, {
    style: "percent",
    maximumFractionDigits: 0,
    signDisplay: "always",
  }).format(ratio);
  return <span className={`text-xs font-medium ${ratio > 0 ? "text-emerald-700" : "text-red-700"}`}>{text}</span>;
}
