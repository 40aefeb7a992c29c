/** A message namespace: a top-level key ("player") or a path into one ("downloads.library"). */
export type Namespace = string;

type Tree = { [key: string]: unknown };
const isTree = (value: unknown): value is Tree => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The part of a catalogue that some client components need: each namespace keeps its place in
 * the tree, so `useTranslations("downloads.library")` finds it as it would in the whole catalogue.
 * An unknown namespace is a programming error and throws (a typo would otherwise show raw keys).
 */
export function pickMessages(messages: Tree, namespaces: readonly Namespace[]): Tree {
  const picked: Tree = {};
  for (const namespace of namespaces) {
    const path = namespace.split(".");
    let from: unknown = messages;
    let into = picked;
    for (const [i, key] of path.entries()) {
      from = isTree(from) ? from[key] : undefined;
      if (from === undefined)
        throw new Error(`No messages under "${namespace}" (missing "${path.slice(0, i + 1).join(".")}").`);
      if (i === path.length - 1) into[key] = from;
      else into = isTree(into[key]) ? into[key] : (into[key] = {});
    }
  }
  return picked;
}
