import { SubmitButton } from "@/components/ui/submit-button";

/**
 * Pay / Decline on an offline test checkout in subscription mode (a band's Pro plan, a fan's
 * subscription to a band): each button posts the checkout's fields with pay=1 or pay=0.
 */
export function TestSubscriptionButtons({
  action,
  fields,
  payLabel,
  declineLabel,
}: {
  action: (form: FormData) => Promise<void>;
  fields: Record<string, string>;
  payLabel: string;
  declineLabel: string;
}) {
  return (["1", "0"] as const).map((pay) => (
    <form key={pay} action={action}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <input type="hidden" name="pay" value={pay} />
      <SubmitButton variant={pay === "1" ? "primary" : "secondary"} className="w-full">
        {pay === "1" ? payLabel : declineLabel}
      </SubmitButton>
    </form>
  ));
}
