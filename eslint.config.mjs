// `npm run lint`: typescript-eslint's recommended rules, React's rules of hooks and the Next.js
// plugin's core-web-vitals set, over the sources (not builds, artifacts or generated types).
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import { defineConfig, globalIgnores } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig([
  globalIgnores([
    ".next*/**",
    "node_modules/**",
    "tests/.artifacts*/**",
    ".data/**",
    "next-env.d.ts",
    "public/**/*.min.js",
  ]),
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
    },
  },
  {
    // One import style: `./x` for a file in the same folder (or below it), `@/…` for anything else.
    // The config files at the root load outside Next and tsx, where the alias may not resolve.
    files: [
      "app/**/*.{ts,tsx}",
      "components/**/*.{ts,tsx}",
      "lib/**/*.ts",
      "db/**/*.ts",
      "tests/**/*.{ts,tsx}",
      "*.ts",
    ],
    ignores: ["*.config.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ regex: "^\\.\\./", message: "Import from another folder through the @/ alias." }] },
      ],
    },
  },
  {
    // React and Next.js rules where React runs (test fixtures named use… are not hooks).
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks, "@next/next": nextPlugin },
    rules: {
      // The rules of hooks; the plugin's React Compiler rules stay off (this app does not use the compiler).
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs["core-web-vitals"].rules,
    },
  },
  {
    files: ["*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: { module: "writable", require: "readonly" } },
  },
  {
    // Settings are read once, validated, through lib/env.ts. Exceptions: the CLI bootstrap that sets
    // them before the app loads, next.config.ts (evaluated before any app code), Auth.js's own
    // AUTH_URL (lib/auth), Next's NEXT_RUNTIME (instrumentation.ts) and the bench seed's SEED_SCALE.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/**/*.ts", "db/**/*.ts", "proxy.ts"],
    ignores: ["lib/env.ts", "lib/cli/**", "lib/auth/index.ts", "db/seed-large.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read settings through env() in lib/env.ts." },
      ],
    },
  },
  {
    files: ["public/**/*.js"],
    languageOptions: {
      globals: {
        window: "readonly",
        document: "readonly",
        location: "readonly",
        console: "readonly",
        URL: "readonly",
        HTMLIFrameElement: "readonly",
        MessageEvent: "readonly",
      },
    },
  },
]);
