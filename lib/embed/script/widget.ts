import { showApproximatePrices } from "./approximate";
import { startPlayer, type WidgetData } from "./player";

/**
 * The one script every widget loads (served minified by app/embed/player.js, see
 * lib/embed/player-script.ts): the embedding site's host for buy links and plays, the height
 * report the loader (public/embed.js) listens for, and the player of release and track widgets.
 * It must run in any browser a fan may have: esbuild lowers it to ES2017.
 */

/** The site showing the widget as a bare host (lowercase, no port, no "www."), or "" when unknown. */
function embeddingHost() {
  let host = "";
  try {
    const ancestors = location.ancestorOrigins;
    host = new URL(ancestors && ancestors.length ? ancestors[0] : document.referrer).hostname
      .toLowerCase()
      .replace(/^www\./, "");
  } catch {
    // No referrer (or a browser that hides it): the plays and the sale are credited to no site.
  }
  return /^[a-z0-9.-]{1,253}$/.test(host) ? host : "";
}

/** Buy links and forms carry the host, so the cart records where the sale came from. */
function creditHost(host: string) {
  if (!host) return;
  document.querySelectorAll<HTMLAnchorElement>("a[data-buy]").forEach((link) => {
    const url = new URL(link.href);
    url.searchParams.set("host", host);
    link.href = url.href;
  });
  document.querySelectorAll<HTMLInputElement>("input[name=host]").forEach((input) => {
    input.value = host;
  });
}

/** Tells the embedding page the widget's natural height, whenever it changes. */
function reportHeight(root: HTMLElement | null) {
  // A scrolling track list (.fill) counts at its full height, so the frame can grow to show it.
  const fill = root && root.querySelector(".fill");
  const list = fill && fill.firstElementChild;
  const naturalHeight = () => {
    if (!root) return document.documentElement.scrollHeight;
    let height = root.getBoundingClientRect().height;
    if (fill && list) height += list.getBoundingClientRect().height - fill.clientHeight;
    return Math.ceil(height);
  };
  let last = 0;
  const report = () => {
    const height = naturalHeight();
    if (height === last || window.parent === window) return;
    last = height;
    window.parent.postMessage({ type: "merchtable:height", height }, "*");
  };
  if (window.ResizeObserver && root) {
    new ResizeObserver(report).observe(root);
    if (list) new ResizeObserver(report).observe(list);
  }
  window.addEventListener("load", report);
  report();
}

function readData(): WidgetData {
  try {
    return JSON.parse(document.getElementById("mt-data")?.textContent || "") || {};
  } catch {
    return {};
  }
}

const data = readData();
const host = embeddingHost();
creditHost(host);
reportHeight(document.getElementById("w"));
startPlayer(data, host);
showApproximatePrices();
