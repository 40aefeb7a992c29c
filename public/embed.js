/*
 * Merchtable embed loader (optional). Plain iframes work without it; with it:
 *  - iframes marked `data-merchtable` grow or shrink to their content: each widget posts
 *    { type: "merchtable:height", height } and only messages from that iframe's own window
 *    and origin, with that exact shape, are obeyed;
 *  - `<div data-merchtable-src="https://…/embed/…" data-height="420">` placeholders become a
 *    button, and the iframe is only created when the visitor clicks it. Host this file on your
 *    own site and nothing is requested from Merchtable before that click.
 */
(function () {
  "use strict";
  if (window.__merchtableLoader) return;
  window.__merchtableLoader = true;
  var d = document;
  var MAX = 4000;

  function originOf(src) {
    try {
      return new URL(src, location.href).origin;
    } catch (e) {
      return null;
    }
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || typeof data !== "object" || data.type !== "merchtable:height") return;
    if (typeof data.height !== "number" || !isFinite(data.height)) return;
    var frames = d.querySelectorAll("iframe[data-merchtable]");
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      if (frame.contentWindow !== event.source || originOf(frame.src) !== event.origin) continue;
      var max = Number(frame.getAttribute("data-max-height")) || MAX;
      frame.style.height = Math.round(Math.max(40, Math.min(data.height, max, MAX))) + "px";
    }
  });

  function placeholder(box) {
    var src = box.getAttribute("data-merchtable-src");
    var origin = src && originOf(src);
    if (!origin || !/^https?:/.test(origin) || box.getAttribute("data-merchtable-ready")) return;
    box.setAttribute("data-merchtable-ready", "1");
    var height = Math.max(40, Math.min(Number(box.getAttribute("data-height")) || 152, MAX));
    var fr = /^fr/i.test(d.documentElement.lang || "");
    var button = d.createElement("button");
    button.type = "button";
    button.textContent = box.getAttribute("data-label") || (fr ? "Charger le lecteur depuis " : "Load the player from ") + new URL(origin).host;
    button.style.cssText = "display:block;width:100%;height:" + height + "px;border:1px dashed #a8a29e;border-radius:8px;background:#fafaf9;color:#44403c;font:inherit;cursor:pointer";
    button.addEventListener("click", function () {
      var frame = d.createElement("iframe");
      frame.src = src;
      frame.title = box.getAttribute("data-title") || "Merchtable";
      frame.setAttribute("data-merchtable", "");
      if (box.getAttribute("data-max-height")) frame.setAttribute("data-max-height", box.getAttribute("data-max-height"));
      frame.style.cssText = "display:block;width:100%;border:0;height:" + height + "px";
      box.replaceWith(frame);
      frame.focus();
    });
    box.textContent = "";
    box.appendChild(button);
  }

  function scan() {
    var boxes = d.querySelectorAll("[data-merchtable-src]");
    for (var i = 0; i < boxes.length; i++) placeholder(boxes[i]);
  }
  if (d.readyState === "loading") d.addEventListener("DOMContentLoaded", scan);
  else scan();
})();
