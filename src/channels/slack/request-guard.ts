/**
 * Slack's replay window, both ways. Bolt verifies the signature and refuses timestamps more
 * than 5 minutes old, but accepts any timestamp in the future; Slack's rule is
 * |now − timestamp| ≤ 5 minutes. This check runs first, reads only the headers, and leaves
 * the raw body untouched for Bolt's signature check.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Clock, Logger } from '../../core/ports';

export const REPLAY_WINDOW_SECONDS = 5 * 60;

export function withReplayWindow(listener: RequestListener, clock: Clock, log: Logger): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const header = req.headers['x-slack-request-timestamp'];
    // Without the header Bolt answers 401 itself (except Slack's unsigned ssl_check).
    if (header !== undefined) {
      const ts = typeof header === 'string' && /^\d{1,12}$/.test(header.trim()) ? Number(header) : Number.NaN;
      const skew = clock.now().getTime() / 1000 - ts;
      if (!Number.isFinite(skew) || Math.abs(skew) > REPLAY_WINDOW_SECONDS) {
        log.warn(
          { skewSeconds: Number.isFinite(skew) ? Math.round(skew) : undefined },
          'slack request outside the 5-minute window: refused',
        );
        req.resume();
        res.writeHead(401);
        res.end();
        return;
      }
    }
    listener(req, res);
  };
}
