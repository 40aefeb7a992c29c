import { runInNewContext } from "node:vm";
import type { WidgetData } from "@/lib/embed/script/player";

/** Just enough of an element for the widget script: attributes, text, value, events. */
class FakeElement extends EventTarget {
  textContent = "";
  innerHTML = "";
  value = "";
  max = "";
  private attributes = new Map<string, string>();
  getAttribute(name: string) {
    return this.attributes.get(name) ?? null;
  }
  setAttribute(name: string, value: string) {
    this.attributes.set(name, String(value));
  }
}

/** An <audio> whose clock the test moves; play() and pause() fire their events at once. */
class FakeAudio extends FakeElement {
  currentTime = 0;
  paused = true;
  duration = Number.NaN;
  get src() {
    return this.getAttribute("src") ?? "";
  }
  set src(value: string) {
    this.setAttribute("src", value);
  }
  play() {
    this.paused = false;
    this.dispatchEvent(new Event("play"));
    return Promise.resolve();
  }
  pause() {
    if (this.paused) return;
    this.paused = true;
    this.dispatchEvent(new Event("pause"));
  }
}

/**
 * Runs the served widget script (`code`) in a page reduced to what a release widget holds: the
 * page's data, the play button, the slider, a row per track and an <audio>. Returns the audio, the
 * play button, the rows and the bodies the script sent to /api/plays. Timers are the test's (use vi.useFakeTimers()).
 */
export function runWidgetScript(code: string, data: WidgetData, referrer = "https://www.band.example/tour") {
  const audio = new FakeAudio();
  const toggle = new FakeElement();
  const seek = new FakeElement();
  const sent: Record<string, unknown>[] = [];
  const rows = (data.tracks ?? []).map((_, index) => {
    const row = new FakeElement();
    row.setAttribute("data-track", String(index));
    return row;
  });
  const elements: Record<string, FakeElement> = {
    "audio[data-audio]": audio,
    "[data-play]": toggle,
    "[data-seek]": seek,
  };
  const window = Object.assign(new EventTarget(), {
    document: {
      referrer,
      activeElement: null,
      documentElement: { scrollHeight: 200 },
      getElementById: (id: string) => (id === "mt-data" ? { textContent: JSON.stringify(data) } : null),
      querySelector: (selector: string) => elements[selector] ?? null,
      querySelectorAll: (selector: string) => (selector === "[data-track]" ? rows : []),
    },
    location: {},
    navigator: {
      sendBeacon(url: string, body: string) {
        if (url === "/api/plays") sent.push(JSON.parse(body));
        return true;
      },
    },
    crypto: globalThis.crypto,
    URL,
    setTimeout: (run: () => void, ms: number) => setTimeout(run, ms),
    clearTimeout: (timer: ReturnType<typeof setTimeout>) => clearTimeout(timer),
  });
  Object.assign(window, { window, parent: window });
  runInNewContext(code, window);
  return { audio, toggle, rows, sent };
}
