"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { db } from "@/db";
import { turnMailBackOn, unfollow } from "@/lib/follows";
import { libraryViewer } from "./library-session";

/** The library's Unfollow: only the signed-in fan's own follow (the session's address) ends. */
export async function unfollowFromLibraryAction(form: FormData) {
  const viewer = await libraryViewer();
  if (!viewer) redirect("/library");
  await unfollow(db, { artistId: String(form.get("artistId") ?? ""), email: viewer.email });
  revalidatePath("/library");
}

/** Undoes "stop all e-mail from bands" for the signed-in fan's address. */
export async function turnMailBackOnAction() {
  const viewer = await libraryViewer();
  if (!viewer) redirect("/library");
  await turnMailBackOn(db, viewer.email);
  revalidatePath("/library");
}
