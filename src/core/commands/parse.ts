import type { Invocation } from '../views';
import { distance, parseArgs, stripPrefix } from './grammar';
import { VERB_BY_NAME, VERBS } from './table';

export type Parsed = { ok: true; run: Invocation } | { ok: false; text: string; didYouMean?: string };

/** Typed text → a verb and its arguments, or what was not understood with a suggestion. */
export function parseCommand(input: string): Parsed {
  const text = stripPrefix(input);
  const [first = '', ...rest] = text.split(/\s+/);
  const word = first.toLowerCase();
  if (word === '' || word === '?') return { ok: true, run: { verb: 'help', args: {} } };
  const verb = VERB_BY_NAME.get(word);
  if (verb)
    return { ok: true, run: { verb: verb.name, args: parseArgs(verb.grammar, rest.filter(Boolean)) } };
  const didYouMean = suggest(text.toLowerCase());
  return didYouMean ? { ok: false, text, didYouMean } : { ok: false, text };
}

/** The usage closest to what was typed, when it is close enough to be a typo. */
function suggest(text: string): string | undefined {
  const word = text.split(/\s+/)[0] ?? '';
  let best: { s: string; d: number } | undefined;
  for (const v of VERBS) {
    if (!v.listed) continue;
    const phrase = v.name === 'connect' ? 'connect azure' : v.name;
    const d = Math.min(distance(text, phrase), distance(word, v.name));
    if (!best || d < best.d) best = { s: phrase, d };
  }
  const limit = Math.max(2, Math.floor(word.length / 3));
  return best && best.d <= limit ? best.s : undefined;
}
