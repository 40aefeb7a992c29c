/** A release's description or credits: the band's own line breaks, paragraphs on blank lines. */
export function ReleaseText({
  title,
  text,
  testId,
  small = false,
}: {
  title: string;
  text: string;
  testId: string;
  small?: boolean;
}) {
  return (
    <section data-testid={testId}>
      <h2 className="text-xs font-semibold uppercase tracking-wide text-muted">{title}</h2>
      <div className={`mt-2 max-w-prose space-y-3 leading-relaxed ${small ? "text-sm text-muted" : ""}`}>
        {text.split(/\n{2,}/).map((paragraph, i) => (
          <p key={i} className="whitespace-pre-line">
            {paragraph}
          </p>
        ))}
      </div>
    </section>
  );
}
