import "server-only";
import { getTranslations } from "next-intl/server";
import type { EditorWords } from "./post-editor";

export async function editorWords(): Promise<EditorWords> {
  const t = await getTranslations("newsDesk");
  return {
    title: t("fields.title"),
    body: t("fields.body"),
    bodyHelp: t("fields.bodyHelp"),
    release: t("fields.release"),
    noRelease: t("fields.noRelease"),
    audience: t("fields.audience"),
    everyone: t("fields.everyone"),
    subscribers: t("fields.subscribers"),
    save: t("save"),
    imageLabel: t("image.label"),
    imageAlt: t("image.alt"),
    imageUpload: t("image.upload"),
  };
}
