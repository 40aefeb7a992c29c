"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/db";
import { setFanCancel } from "@/lib/fan-subscriptions";
import { libraryViewer } from "./library-session";

export type SubscriptionFormState = null | { ok: true; message: string } | { ok: false; error: string };

const schema = z.object({ subscriptionId: z.string().uuid(), cancel: z.enum(["1", "0"]) });

/**
 * Cancel (at the period's end) or resume, from the library. A public POST: the library session
 * says whose subscriptions may be touched, and another address's id is "not found".
 */
export async function changeSubscriptionAction(
  _state: SubscriptionFormState,
  form: FormData,
): Promise<SubscriptionFormState> {
  const t = await getTranslations("fanSubs.library.flash");
  const viewer = await libraryViewer();
  const parsed = schema.safeParse({ subscriptionId: form.get("subscriptionId"), cancel: form.get("cancel") });
  if (!viewer || !parsed.success) return { ok: false, error: t("not_found") };
  const cancel = parsed.data.cancel === "1";
  const result = await setFanCancel(db, { subscriptionId: parsed.data.subscriptionId, email: viewer.email, cancel });
  if (!result.ok) return { ok: false, error: t(result.reason) };
  revalidatePath("/library");
  return { ok: true, message: t(cancel ? "canceled" : "resumed") };
}
