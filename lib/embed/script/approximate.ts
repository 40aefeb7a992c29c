import { approximatePrice, currencyOfCountry, regionOfAcceptLanguage, type Rates } from "@/lib/fx";

/**
 * "≈ ¥1,148" after each marked price (`data-amount`, `data-currency`) for a fan whose browser's
 * region thinks in another currency. The widget is cookie-free and the same for everyone, so the
 * currency comes from the browser alone (never the address), and the rates from one cached,
 * cookie-free request, made only when some price is in another currency. No rates, stale
 * rates, an unknown region: nothing is added, the band's price stands alone.
 */
export function showApproximatePrices() {
  const priced = Array.from(document.querySelectorAll<HTMLElement>("[data-amount][data-currency]"));
  const languages = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
  const visitorCurrency = currencyOfCountry(regionOfAcceptLanguage(languages.join(",")));
  if (!visitorCurrency || !priced.some((el) => el.dataset.currency !== visitorCurrency)) return;
  fetch("/api/rates", { credentials: "omit" })
    .then((response) => (response.ok ? (response.json() as Promise<{ rates: Rates | null }>) : null))
    .then((answer) => {
      const rates = answer && answer.rates;
      if (!rates) return;
      const locale = document.documentElement.lang || "en";
      for (const el of priced) {
        const text = approximatePrice({
          amount: Number(el.dataset.amount),
          currency: el.dataset.currency || "",
          visitorCurrency,
          rates,
          locale,
        });
        if (!text) continue;
        const hint = document.createElement("span");
        hint.className = "ap";
        hint.setAttribute("data-testid", "embed-approximate");
        hint.textContent = text;
        el.appendChild(hint);
      }
    })
    .catch(() => undefined);
}
