import { createHash } from "node:crypto";
import path from "node:path";
import { buildSync } from "esbuild";

/**
 * The one script every widget loads, built from lib/embed/script/widget.ts (typed and linted
 * with the app) with the listen counting of lib/plays/classify inlined: bundled and minified by
 * esbuild into one ES2017 file of a few KB. Served by app/embed/player.js with a hash of its
 * content in the URL, cached for a year.
 *
 * It is built once per process, when this module is first loaded (by the server, `next dev`, a
 * test or the benchmark; about 50 ms), always from the checkout's sources, so every way of running
 * the app serves the script its sources describe. esbuild (pinned in package.json) gives the same
 * output for the same sources, so the hash changes only when the script does.
 */
function buildPlayerScript(): string {
  // The app runs from its root (npm start, next build, the tests); Next's bundle of this module
  // lives elsewhere, so the source is found from there rather than from this file.
  const entry = path.join(process.cwd(), "lib", "embed", "script", "widget.ts");
  const result = buildSync({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: "iife",
    target: "es2017",
    platform: "browser",
    legalComments: "none",
    charset: "utf8",
    write: false,
    logLevel: "silent",
  });
  // buildSync leaves esbuild's service (an idle child process, as tsx's own) for later calls; it
  // does not keep the process alive. Stopping it (esbuild's stop()) would leave a zombie instead.
  return result.outputFiles[0].text.trimEnd();
}

export const PLAYER_SCRIPT = buildPlayerScript();
export const PLAYER_SCRIPT_VERSION = createHash("sha256").update(PLAYER_SCRIPT).digest("hex").slice(0, 12);
export const PLAYER_SCRIPT_PATH = `/embed/player.js?v=${PLAYER_SCRIPT_VERSION}`;
