import { html, jsonForScript, raw, type Raw } from "@/lib/embed/html";
import { PLAYER_SCRIPT_PATH } from "@/lib/embed/player-script";
import { BASE_CSS } from "./styles";

export type ShellInput = {
  lang: string;
  title: string;
  themeCss: string;
  body: Raw;
  /** Read by the widget script (tracks, labels); escaped for a script element. */
  data: Record<string, unknown>;
  nonce: string | null;
};

/** A complete widget document: inline CSS, the widget in the page's one `main` landmark, its data, one deferred script. */
export function widgetDocument(input: ShellInput): string {
  return html`<!doctype html><html lang="${input.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><meta name="referrer" content="strict-origin-when-cross-origin"><title>${input.title}</title><style>${raw(BASE_CSS)}${raw(input.themeCss)}</style></head><body><main>${input.body}</main><script type="application/json" id="mt-data">${raw(jsonForScript(input.data))}</script><script src="${PLAYER_SCRIPT_PATH}"${input.nonce === null ? raw("") : html` nonce="${input.nonce}"`} defer></script></body></html>`
    .__html;
}
