const DAY = 86_400_000;

/** "just now", "5 minutes ago", "3 hours ago", "2 days ago", or "never". */
export function relativeTime(iso: string | undefined, now: Date): string {
  if (!iso) return 'never';
  const ms = now.getTime() - new Date(iso).getTime();
  if (Number.isNaN(ms)) return 'never';
  const s = Math.round(ms / 1000);
  if (s < 45) return 'just now';
  const units: [number, string][] = [
    [60, 'minute'],
    [3600, 'hour'],
    [86400, 'day'],
  ];
  let value = Math.round(s / 60);
  let unit = 'minute';
  for (const [secs, name] of units) {
    if (s >= secs) {
      value = Math.round(s / secs);
      unit = name;
    }
  }
  return `${value} ${unit}${value === 1 ? '' : 's'} ago`;
}

/** "2027-06-15 (in 200 days)", "2026-11-28 (tomorrow)", "expired on 2026-11-20", or "unknown". */
export function expiryText(iso: string | undefined, now: Date): string {
  if (!iso) return 'unknown';
  const date = iso.slice(0, 10);
  const ms = new Date(iso).getTime() - now.getTime();
  if (ms <= 0) return `expired on ${date}`;
  const days = Math.floor(ms / DAY);
  if (days === 0) return `${date} (today)`;
  if (days === 1) return `${date} (tomorrow)`;
  return `${date} (in ${days} days)`;
}

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
