/**
 * The command grammar of SPEC 1.5, parsed once for both channels. Teams text may start
 * with `/osto`, `osto` or nothing (the adapter strips the @mention first); Slack passes
 * the text after `/osto`.
 */
export type Command =
  | { kind: 'connect'; provider: 'azure' }
  | { kind: 'connect_unsupported'; provider: string }
  | { kind: 'status'; name?: string }
  | { kind: 'help' }
  | { kind: 'planned'; verb: PlannedVerb; args: string }
  | { kind: 'unknown'; text: string; didYouMean?: string };

/** Verbs of SPEC 1.5 that a later release implements. */
export type PlannedVerb = 'sync' | 'assets' | 'findings' | 'rotate' | 'notify' | 'disconnect';
const PLANNED: readonly PlannedVerb[] = ['sync', 'assets', 'findings', 'rotate', 'notify', 'disconnect'];

/** Suggestions offered for unknown input. */
const SUGGESTIONS = ['connect azure', 'status', 'help'];

export function parseCommand(input: string): Command {
  const text = input
    .replace(/\u00a0/g, ' ')
    .trim()
    .replace(/^@?osto\b[:,]?\s*/i, '')
    .replace(/^\/osto\b\s*/i, '')
    .trim();
  const [verbRaw = '', ...rest] = text.split(/\s+/);
  const verb = verbRaw.toLowerCase();
  const args = rest.join(' ').trim();

  if (verb === '' || verb === 'help' || verb === '?') return { kind: 'help' };
  if (verb === 'connect') {
    const provider = (rest[0] ?? 'azure').toLowerCase();
    return provider === 'azure'
      ? { kind: 'connect', provider: 'azure' }
      : { kind: 'connect_unsupported', provider };
  }
  if (verb === 'status') return args ? { kind: 'status', name: args } : { kind: 'status' };
  if ((PLANNED as readonly string[]).includes(verb))
    return { kind: 'planned', verb: verb as PlannedVerb, args };
  const didYouMean = suggest(text.toLowerCase());
  return didYouMean ? { kind: 'unknown', text, didYouMean } : { kind: 'unknown', text };
}

function suggest(text: string): string | undefined {
  const verb = text.split(/\s+/)[0] ?? '';
  let best: { s: string; d: number } | undefined;
  for (const s of SUGGESTIONS) {
    const d = Math.min(distance(text, s), distance(verb, s.split(' ')[0] as string));
    if (!best || d < best.d) best = { s, d };
  }
  const limit = Math.max(2, Math.floor(verb.length / 3));
  return best && best.d <= limit ? best.s : undefined;
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
