/**
 * The player's words, formatted on the server by next-intl with each argument left as "{name}",
 * filled in here: the fan page ships no message formatter (intl-messageformat is 12 KB gzipped,
 * most of what a release page's own JavaScript would be). Built by ./player-text.ts.
 */
export type PlayerText = Record<string, string>;

export type Translate = (key: string, args?: Record<string, string | number>) => string;

/** `t(key, args)` over the server's templates; one pass, so a title that contains "{x}" stays as it is. */
export function translator(text: PlayerText): Translate {
  return (key, args = {}) => {
    const template = text[key];
    if (template === undefined) throw new Error(`The player has no text "player.${key}" (see ./player-text.ts).`);
    return template.replace(/\{(\w+)\}/g, (slot, name: string) => (name in args ? String(args[name]) : slot));
  };
}

/**
 * A message's arguments, each given as its own "{name}" so that formatting leaves it in place.
 * Only simple arguments can wait for the browser: a plural, select or number format has to be
 * decided where the value is known, so such a message refuses to go to the player.
 */
export function placeholderArgs(key: string, message: string): Record<string, string> {
  const args: Record<string, string> = {};
  for (const [, name, after] of message.matchAll(/\{\s*(\w+)\s*([,}])/g)) {
    if (after === ",")
      throw new Error(
        `player.${key} formats {${name}} (plural, select or number): the player fills only simple arguments.`,
      );
    args[name] = `{${name}}`;
  }
  return args;
}
