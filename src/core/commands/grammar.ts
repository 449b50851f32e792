/**
 * The command grammar of SPEC 1.5, parsed once for both channels from the verb table. Teams
 * text may start with `/osto`, `osto` or nothing (the adapter strips the @mention first); Slack
 * passes the text after `/osto`.
 */
import { SEVERITIES } from '../posture/rule';

/** The shape of a verb's arguments after the verb itself. */
export type ArgGrammar =
  /** Nothing after the verb (anything typed is ignored). */
  | 'none'
  /** `connect azure`: the provider, `azure` when omitted. */
  | 'provider'
  /** `status [name]`: an optional name (the rest of the line). */
  | 'name?'
  /** `findings <name> [severity]`: a name, then an optional severity as the last word. */
  | 'name severity?'
  /** `notify <name> all|changes|critical|off`: a name, then the level as the last word. */
  | 'name level'
  /** `snooze <name> 1d|3d|1w`: a name, then the duration as the last word. */
  | 'name duration';

export const NOTIFY_LEVELS = ['all', 'changes', 'critical', 'off'] as const;
export const SNOOZE_DURATIONS = ['1d', '3d', '1w'] as const;

/** The words after the verb, as arguments. Unknown trailing words stay part of the name. */
export function parseArgs(grammar: ArgGrammar, words: string[]): Record<string, string> {
  const rest = words.join(' ').trim();
  switch (grammar) {
    case 'none':
      return {};
    case 'provider':
      return { provider: (words[0] ?? 'azure').toLowerCase() };
    case 'name?':
      return rest ? { name: rest } : {};
    case 'name severity?':
      return lastWordOf(words, 'severity', SEVERITIES);
    case 'name level':
      return lastWordOf(words, 'level', NOTIFY_LEVELS);
    case 'name duration':
      return lastWordOf(words, 'duration', SNOOZE_DURATIONS);
  }
}

function lastWordOf(words: string[], key: string, allowed: readonly string[]): Record<string, string> {
  const last = words[words.length - 1]?.toLowerCase();
  if (last && allowed.includes(last)) {
    const name = words.slice(0, -1).join(' ').trim();
    return { ...(name ? { name } : {}), [key]: last };
  }
  const name = words.join(' ').trim();
  return name ? { name } : {};
}

/** The text of a command without its `/osto`, `osto:` or `@osto` prefix, spaces normalised. */
export function stripPrefix(input: string): string {
  return input
    .replace(/\u00a0/g, ' ')
    .trim()
    .replace(/^@?osto\b[:,]?\s*/i, '')
    .replace(/^\/osto\b\s*/i, '')
    .trim();
}

/** Levenshtein distance. */
export function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] as number;
      prev[j] = Math.min(up + 1, (prev[j - 1] as number) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] as number;
}
