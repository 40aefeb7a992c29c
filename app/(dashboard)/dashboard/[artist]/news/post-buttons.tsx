"use client";

import { useActionState } from "react";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import type { PostButtonState } from "./actions";

/** One button in a form of its own (send a test, publish), with what happened under it. */
export function PostButton({
  artistId,
  postId,
  action,
  label,
  note,
  variant = "secondary",
  testId,
}: {
  artistId: string;
  postId: string;
  action: (state: PostButtonState, form: FormData) => Promise<PostButtonState>;
  label: string;
  note?: string;
  variant?: "primary" | "secondary";
  testId: string;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-2" data-testid={testId}>
      <input type="hidden" name="artistId" value={artistId} />
      <input type="hidden" name="postId" value={postId} />
      {note && <p className="text-sm text-muted">{note}</p>}
      <SubmitButton variant={variant}>{label}</SubmitButton>
      {state && <Notice tone={state.ok ? "success" : "error"}>{state.message}</Notice>}
    </form>
  );
}
