import "server-only";
import { headers } from "next/headers";
import { SHARED_RENDER_HEADER } from "./shared-render";

/**
 * Whether this render is the shared copy the page cache keeps for every visitor
 * (lib/http/shared-render.ts): it must then read nothing of the visitor.
 */
export async function isSharedRender(): Promise<boolean> {
  return (await headers()).get(SHARED_RENDER_HEADER) === "1";
}
