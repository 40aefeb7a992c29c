import path from "node:path";

const KEY_PATTERN = /^[a-z0-9][a-z0-9/_.-]*$/i;

/** Relative, slash-separated, no empty, "." or ".." parts: a key can never leave its folder. */
export function isValidKey(key: string) {
  return KEY_PATTERN.test(key) && !key.split("/").some((part) => part === "" || part === "." || part === "..");
}

export function resolveKeyIn(root: string, key: string) {
  if (!isValidKey(key)) throw new Error(`Invalid storage key: ${JSON.stringify(key)}`);
  return path.join(path.resolve(root), ...key.split("/"));
}
