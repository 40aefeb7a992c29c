/** One cut-out card of a sponsor's sheet: what it is worth, who gives it, its rules, the code and a QR code to redeem it. */
export function SponsorCard({
  sponsor,
  headline,
  rules,
  code,
  url,
  shortUrl,
  qrSvg,
  labels,
}: {
  sponsor: string;
  headline: string;
  rules: string;
  code: string;
  url: string;
  shortUrl: string;
  qrSvg: string;
  labels: { enter: string; qr: string };
}) {
  return (
    <div
      className="code-card flex items-center gap-[3mm] overflow-hidden border border-dashed border-stone-400 p-[3mm]"
      data-testid="sponsor-card"
    >
      <div
        className="h-[28mm] w-[28mm] shrink-0"
        role="img"
        aria-label={labels.qr}
        title={url}
        data-testid="sponsor-card-qr"
        dangerouslySetInnerHTML={{ __html: qrSvg }}
      />
      <div className="min-w-0 space-y-[0.8mm] text-[2.5mm] leading-tight">
        <p className="truncate font-semibold">{sponsor}</p>
        <p className="line-clamp-2">{headline}</p>
        {rules && <p className="line-clamp-2 text-[2.1mm] text-stone-600">{rules}</p>}
        <p className="font-mono text-[2.6mm] font-bold tracking-wide" data-testid="card-code">
          {code}
        </p>
        <p className="text-[2.1mm] text-stone-600">
          {labels.enter} {shortUrl}
        </p>
      </div>
    </div>
  );
}
