/**
 * POST /slack/events: the checks every request passes before Bolt sees it (the replay window,
 * the body limit after decompression, the body's shape), then Bolt's own request listener
 * with the body already read (`rawBody`, which Bolt verifies the signature of).
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Clock, Logger } from '../../core/ports';
import { HttpError } from '../../http/errors';
import { BODY_LIMITS, refuse } from '../../http/intake';
import { readBody } from '../../http/read-body';
import { checkSlackBody } from './payload-guard';
import { outsideReplayWindow } from './request-guard';

const ROUTE = '/slack/events';
/** Bolt answers within ~3 s (its unhandled-request timeout); past this the request is ended. */
const ANSWER_DEADLINE_MS = 10_000;

export type SlackRoute = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export function slackRoute(bolt: RequestListener, clock: Clock, log: Logger): SlackRoute {
  // Requests Bolt has not answered yet, swept once a second (no timer per request).
  const pending = new Map<ServerResponse, number>();
  setInterval(() => {
    const late = Date.now() - ANSWER_DEADLINE_MS;
    for (const [res, since] of pending) {
      if (since > late) continue;
      pending.delete(res);
      log.error({ route: ROUTE }, 'slack request not answered in time; ended with 503');
      if (!res.headersSent) res.writeHead(503);
      res.end();
    }
  }, 1_000).unref();
  return async (req, res) => {
    const skew = outsideReplayWindow(req.headers, clock);
    if (skew) {
      log.warn({ route: ROUTE, ...skew }, 'slack request outside the 5-minute window: refused');
      req.resume();
      res.writeHead(401);
      res.end();
      return;
    }
    try {
      const raw = await readBody(req, { limit: BODY_LIMITS.slack });
      checkSlackBody(req.headers['content-type'], raw);
      (req as IncomingMessage & { rawBody?: Buffer }).rawBody = raw;
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      refuse(req, res, e, log, ROUTE);
      return;
    }
    await new Promise<void>((resolve) => {
      const done = () => {
        pending.delete(res);
        resolve();
      };
      pending.set(res, Date.now());
      res.once('finish', done);
      res.once('close', done);
      bolt(req, res);
    });
  };
}
