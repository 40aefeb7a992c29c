/** One cut-out card: band, release, the code in groups, where to type it, and a QR code straight to it. */
export function CodeCard({
  band,
  release,
  code,
  url,
  shortUrl,
  qrSvg,
  labels,
}: {
  band: string;
  release: string;
  code: string;
  url: string;
  shortUrl: string;
  qrSvg: string;
  labels: { card: string; enter: string; qr: string };
}) {
  return (
    <div
      className="code-card flex items-center gap-[3mm] overflow-hidden border border-dashed border-stone-400 p-[3mm]"
      data-testid="code-card"
    >
      <div
        className="h-[28mm] w-[28mm] shrink-0"
        role="img"
        aria-label={labels.qr}
        title={url}
        dangerouslySetInnerHTML={{ __html: qrSvg }}
      />
      <div className="min-w-0 space-y-[1mm] text-[2.6mm] leading-tight">
        <p className="truncate font-semibold">{band}</p>
        <p className="line-clamp-2">{labels.card}</p>
        <p className="font-mono text-[3.4mm] font-bold tracking-wider" data-testid="card-code">
          {code}
        </p>
        <p className="text-[2.2mm] text-stone-600">{labels.enter}</p>
        <p className="break-all text-[2.2mm] text-stone-600">{shortUrl}</p>
        <span className="sr-only">{release}</span>
      </div>
    </div>
  );
}
