/** How much of what a person typed the bot repeats back (a name is at most 64 characters). */
export const ECHO_MAX = 64;

/**
 * What a person typed, cut to `max` characters with an ellipsis, on one line: replies that
 * repeat input stay small (a 100 KB argument must not become a 100 KB reply).
 */
export function echo(text: string, max = ECHO_MAX): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1).trimEnd()}…`;
}

/** A connection's name for a title; the name may be what the form got wrong. */
export function displayName(name: string | undefined): string {
  return name?.trim() || 'the subscription';
}
