"use client";

import { useActionState, useState } from "react";
import { control, Field, FieldNotes, TextArea } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ImageState, PostFormState } from "./actions";

export type EditorWords = {
  title: string;
  body: string;
  bodyHelp: string;
  release: string;
  noRelease: string;
  audience: string;
  everyone: string;
  subscribers: string;
  save: string;
  imageLabel: string;
  imageAlt: string;
  imageUpload: string;
};

type Values = { title: string; body: string; releaseId: string; audience: string };

/** The post's form and, beside it, the picture upload whose line lands at the end of the text. */
export function PostEditor({
  artistId,
  postId,
  initial,
  releases,
  words,
  action,
  imageAction,
}: {
  artistId: string;
  postId: string | null;
  initial: Values;
  releases: { id: string; title: string }[];
  words: EditorWords;
  action: (state: PostFormState, form: FormData) => Promise<PostFormState>;
  imageAction: (state: ImageState, form: FormData) => Promise<ImageState>;
}) {
  const [state, formAction] = useActionState(action, null);
  const [image, imageFormAction] = useActionState(imageAction, null);
  const [body, setBody] = useState(initial.body);
  const [placed, setPlaced] = useState<ImageState>(null);
  // A picture just uploaded: its line goes at the end of the text, once.
  if (image !== placed) {
    setPlaced(image);
    if (image?.ok) setBody((current) => `${current.trimEnd()}${current.trim() ? "\n\n" : ""}${image.line}\n`);
  }
  const values = state && !state.ok && state.values ? state.values : initial;
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <div className="space-y-6">
      <form action={formAction} className="space-y-4" data-testid="post-form">
        <input type="hidden" name="artistId" value={artistId} />
        {postId && <input type="hidden" name="postId" value={postId} />}
        {state && !state.ok && state.error && <Notice tone="error">{state.error}</Notice>}
        {state?.ok && <Notice tone="success">{state.message}</Notice>}
        <Field
          label={words.title}
          name="title"
          defaultValue={values.title}
          key={`title-${values.title}`}
          maxLength={200}
          required
          error={errors.title}
        />
        <TextArea
          label={words.body}
          name="body"
          value={body}
          onChange={(event) => setBody(event.target.value)}
          rows={12}
          hint={words.bodyHelp}
          error={errors.body}
        />
        <div>
          <label htmlFor="releaseId" className="mb-1 block text-sm font-medium">
            {words.release}
          </label>
          <select
            id="releaseId"
            name="releaseId"
            defaultValue={values.releaseId}
            key={`release-${values.releaseId}`}
            className={control}
            aria-invalid={errors.releaseId ? true : undefined}
            aria-describedby={errors.releaseId ? "releaseId-error" : undefined}
          >
            <option value="">{words.noRelease}</option>
            {releases.map((release) => (
              <option key={release.id} value={release.id}>
                {release.title}
              </option>
            ))}
          </select>
          <FieldNotes errorId="releaseId-error" error={errors.releaseId} />
        </div>
        <fieldset>
          <legend className="mb-1 text-sm font-medium">{words.audience}</legend>
          {(["everyone", "subscribers"] as const).map((audience) => (
            <label key={audience} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="audience"
                value={audience}
                defaultChecked={values.audience === audience}
                key={`${audience}-${values.audience}`}
              />
              {words[audience]}
            </label>
          ))}
          <FieldNotes errorId="audience-error" error={errors.audience} />
        </fieldset>
        <SubmitButton>{words.save}</SubmitButton>
      </form>
      <form
        action={imageFormAction}
        className="space-y-3 rounded-lg border border-line bg-white p-4"
        data-testid="post-image-form"
      >
        <input type="hidden" name="artistId" value={artistId} />
        <Field label={words.imageLabel} name="image" type="file" accept="image/*" required />
        <Field label={words.imageAlt} name="alt" maxLength={300} />
        {image && <Notice tone={image.ok ? "success" : "error"}>{image.message}</Notice>}
        <SubmitButton variant="secondary">{words.imageUpload}</SubmitButton>
      </form>
    </div>
  );
}
