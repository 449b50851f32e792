const DAY = 86_400_000;

/** The calendar date (UTC) of an ISO time: 2026-12-06. */
export function isoDate(iso: string): string {
  return iso.slice(0, 10);
}

/** A time to the minute, in UTC: 2026-12-03 03:44 UTC. */
export function utcMinute(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * Whole calendar days from `now` to `iso` in UTC, as people count them: a secret ending on
 * 2026-12-06 is "in 5 days" all day long on 2026-12-01 (not 4 whole 24-hour periods).
 */
export function calendarDaysUntil(iso: string, now: Date): number {
  const end = Date.parse(`${isoDate(iso)}T00:00:00Z`);
  const today = Date.parse(`${now.toISOString().slice(0, 10)}T00:00:00Z`);
  return Math.round((end - today) / DAY);
}

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

/** "in 3 days", "tomorrow", "today", "yesterday", "2 days ago". */
export function relativeDays(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

/**
 * "2027-06-15 (in 200 days)", "2026-12-02 (tomorrow)", "expired on 2026-11-20", or "unknown".
 * A secret still valid today reads "today" until its end time has passed.
 */
export function expiryText(iso: string | undefined, now: Date): string {
  if (!iso) return 'unknown';
  const date = isoDate(iso);
  if (new Date(iso).getTime() <= now.getTime()) return `expired on ${date}`;
  return `${date} (${relativeDays(calendarDaysUntil(iso, now))})`;
}
