/**
 * Slack's replay window, both ways. Bolt verifies the signature and refuses timestamps more
 * than 5 minutes old, but accepts any timestamp in the future; Slack's rule is
 * |now − timestamp| ≤ 5 minutes. This check runs first and reads only the headers.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Clock } from '../../core/ports';

export const REPLAY_WINDOW_SECONDS = 5 * 60;

/**
 * undefined when the request may go on; otherwise the clock skew to log (undefined when the
 * header is not a timestamp at all). Without the header Bolt answers 401 itself (except
 * Slack's unsigned ssl_check).
 */
export function outsideReplayWindow(
  headers: IncomingHttpHeaders,
  clock: Clock,
): { skewSeconds: number | undefined } | undefined {
  const header = headers['x-slack-request-timestamp'];
  if (header === undefined) return undefined;
  const ts = typeof header === 'string' && /^\d{1,12}$/.test(header.trim()) ? Number(header) : Number.NaN;
  const skew = clock.now().getTime() / 1000 - ts;
  if (Number.isFinite(skew) && Math.abs(skew) <= REPLAY_WINDOW_SECONDS) return undefined;
  return { skewSeconds: Number.isFinite(skew) ? Math.round(skew) : undefined };
}
