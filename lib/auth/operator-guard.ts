import "server-only";
import { notFound } from "next/navigation";
import { db } from "@/db";
import { currentUser, type SignedInUser } from "./index";
import { isOperator } from "./operators";

/**
 * Every /admin page and action calls this first (a layout does not protect its actions). Anyone
 * who is not an operator, signed in or not, gets the ordinary 404: the console does not exist for them.
 */
export async function requireOperator(): Promise<SignedInUser> {
  const user = await currentUser();
  if (!user || !(await isOperator(db, user.id))) notFound();
  return user;
}
