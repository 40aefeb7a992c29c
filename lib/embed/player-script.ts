import { createHash } from "node:crypto";
import path from "node:path";
import { buildSync } from "esbuild";

/**
 * The one script every widget loads, built from lib/embed/script/widget.ts (typed and linted
 * with the app) with the listen counting of lib/plays/classify inlined: bundled and minified by
 * esbuild into one ES2017 file of a few KB. Served by app/embed/player.js with a hash of its
 * content in the URL, cached for a year.
 *
 * It is built once per process, when this module is first loaded: by `next build` (which renders
 * the script's route), then by the server, a test or a benchmark, always from the checkout's
 * sources, so every way of running the app serves the script its sources describe. esbuild's
 * output for the same sources and version is the same, so the hash is too.
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
  return result.outputFiles[0].text.trimEnd();
}

export const PLAYER_SCRIPT = buildPlayerScript();
export const PLAYER_SCRIPT_VERSION = createHash("sha256").update(PLAYER_SCRIPT).digest("hex").slice(0, 12);
export const PLAYER_SCRIPT_PATH = `/embed/player.js?v=${PLAYER_SCRIPT_VERSION}`;
