/** "From your balance: X · To pay by card: Y" under the cart's total, for a signed-in fan with a balance. */
export function CreditSplit({ text }: { text: string }) {
  return (
    <p
      className="-mt-2 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 ring-1 ring-emerald-200"
      data-testid="cart-credit"
    >
      {text}
    </p>
  );
}
