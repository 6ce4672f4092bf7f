export type Options = Record<string, string | boolean | undefined>;

export class UsageError extends Error {}

/**
 * `--estate SUNSHINE --period=2026-10 --dry-run` → `{ estate: 'SUNSHINE', period: '2026-10', 'dry-run': true }`.
 * Both `--name value` and `--name=value` work; a flag followed by another flag (or nothing) is `true`.
 * Positional words are refused, so a typo does not pass silently.
 */
export function parseOptions(words: string[]): Options {
  const options: Options = {};
  for (let index = 0; index < words.length; index++) {
    const word = words[index];
    const match = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/i.exec(word);
    if (!match)
      throw new UsageError(`Unexpected argument "${word}": options are written --name value or --name=value`);
    const [, name, inline] = match;
    if (inline !== undefined) options[name] = inline;
    else if (index + 1 < words.length && !words[index + 1].startsWith('--')) options[name] = words[++index];
    else options[name] = true;
  }
  return options;
}
