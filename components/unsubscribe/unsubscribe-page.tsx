import type { ReactNode } from "react";
import { Notice } from "@/components/ui/notice";
import { ConfirmForm, type ConfirmAction } from "./confirm-form";

/** What the link's token found: nothing we signed, a list already left, or one to confirm leaving. */
export type UnsubscribeView =
  { found: false } | { found: true; alreadyLeft: string } | { found: true; confirm: string; done: string };

/**
 * The page behind every unsubscribe link in our mail (buyers' news, follows, band posts). Opening
 * it changes nothing, since mail scanners and link previews fetch every URL: the fan confirms with
 * one button (a POST); mail clients' RFC 8058 POSTs go to the API routes instead (proxy.ts).
 */
export function UnsubscribePage(props: {
  title: string;
  invalid: string;
  button: string;
  token: string;
  action: ConfirmAction;
  view: UnsubscribeView;
  footer?: ReactNode;
  testId?: string;
}) {
  const { view } = props;
  return (
    <div className="mx-auto max-w-lg space-y-4 px-4 py-16 text-sm" data-testid={props.testId}>
      <h1 className="text-2xl font-semibold tracking-tight">{props.title}</h1>
      {!view.found ? (
        <Notice tone="error">{props.invalid}</Notice>
      ) : "alreadyLeft" in view ? (
        <Notice>{view.alreadyLeft}</Notice>
      ) : (
        <ConfirmForm
          action={props.action}
          token={props.token}
          words={{ confirm: view.confirm, button: props.button, done: view.done, invalid: props.invalid }}
        />
      )}
      {props.footer}
    </div>
  );
}
