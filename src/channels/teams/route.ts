/**
 * POST /api/messages: the body limit after decompression, a JSON object, an activity of the
 * shape Teams sends (loopback serviceUrl only in local mode), then botbuilder. An error in a
 * turn is logged once and answered 500; the process never stops for one request.
 */
import type { CloudAdapter } from 'botbuilder';
import type restify from 'restify';
import type { Logger } from '../../core/ports';
import { HttpError } from '../../http/errors';
import { BODY_LIMITS, jsonObjectOf, refuse } from '../../http/intake';
import { readBody } from '../../http/read-body';
import { checkActivity } from './activity-guard';
import { runTurn, type TeamsBot } from './bot';

const ROUTE = '/api/messages';

export interface TeamsRouteOptions {
  adapter: CloudAdapter;
  bot: TeamsBot;
  log: Logger;
  /** Local mode: only a Bot Connector on this machine is answered. */
  loopbackServiceUrlOnly: boolean;
}

export function teamsRoute(opts: TeamsRouteOptions) {
  const { adapter, bot, log } = opts;
  return async (req: restify.Request, res: restify.Response): Promise<void> => {
    try {
      const body = await readBody(req, { limit: BODY_LIMITS.teams });
      // Authenticated mode: no bearer token, no further work (botbuilder checks the token itself).
      if (!opts.loopbackServiceUrlOnly && !/^Bearer\s+\S/i.test(req.headers.authorization ?? ''))
        throw new HttpError(401, 'a Bot Framework token is required');
      const activity = jsonObjectOf(req, body);
      const problem = checkActivity(activity, opts);
      if (problem) throw new HttpError(problem.status, problem.reason);
      req.body = activity;
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      refuse(req, res, e, log, ROUTE);
      return;
    }
    try {
      await runTurn(adapter, bot, req, res);
    } catch (e) {
      log.error({ err: e, route: ROUTE }, 'teams request failed');
      if (!res.headersSent) res.send(500, { error: 'internal error' });
    }
  };
}
