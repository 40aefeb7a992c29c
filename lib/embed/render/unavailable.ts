import { html, type Raw } from "@/lib/embed/html";
import type { T } from "./offer";

/** Unknown ids, drafts, removed items: a small polite box in place of the widget. */
export function unavailableBody(t: T): Raw {
  return html`<div class="na" id="w" role="status" data-testid="embed-unavailable"><strong>${t("notAvailable")}</strong><span>${t("notAvailableHint")}</span></div>`;
}
