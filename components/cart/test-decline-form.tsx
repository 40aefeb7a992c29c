/** "Decline" on the offline test payment page: what a refused card does, for an order or for credit. */
export function TestDeclineForm({
  action,
  session,
  label,
}: {
  action: (form: FormData) => Promise<void>;
  session: string;
  label: string;
}) {
  return (
    <form action={action}>
      <input type="hidden" name="session" value={session} />
      <button
        type="submit"
        className="w-full rounded-md border border-stone-300 bg-white px-4 py-2 text-sm font-medium hover:bg-stone-50"
        data-testid="test-decline"
      >
        {label}
      </button>
    </form>
  );
}
