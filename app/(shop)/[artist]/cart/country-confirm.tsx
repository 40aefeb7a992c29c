type Props = {
  action: (form: FormData) => Promise<void>;
  artistSlug: string;
  declared: string;
  labels: { title: string; body: string; confirm: string; change: string };
};

/**
 * The fan's address and chosen country disagree, and the VAT on downloads depends on which is
 * right: the fan says where they live (or changes the country) before anything can be paid.
 */
export function CountryConfirm({ action, artistSlug, declared, labels }: Props) {
  return (
    <section
      role="alert"
      aria-labelledby="country-confirm-title"
      className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950"
      data-testid="country-confirm"
    >
      <h2 id="country-confirm-title" className="font-semibold">
        {labels.title}
      </h2>
      <p>{labels.body}</p>
      <div className="flex flex-wrap items-center gap-3">
        <form action={action}>
          <input type="hidden" name="artist" value={artistSlug} />
          <input type="hidden" name="country" value={declared} />
          <button type="submit" className="rounded-md bg-ink px-3 py-2 font-medium text-white">
            {labels.confirm}
          </button>
        </form>
        <a href="#ship-country" className="underline underline-offset-2">
          {labels.change}
        </a>
      </div>
    </section>
  );
}
