/**
 * POST /api/messages: the body limit after decompression, a JSON object, an activity of the
 * shape Teams sends (loopback serviceUrl only in local mode), then botbuilder. An error in a
 * turn is logged once and answered 500; the process never stops for one request.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request as BotRequest, Response as BotResponse, CloudAdapter } from 'botbuilder';
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

/**
 * The response botbuilder writes to (status, header, send, end), over Node's own response:
 * the status and body are collected, then written at once by `end`.
 */
function botResponse(res: ServerResponse): BotResponse {
  let status = 200;
  let body: unknown;
  return {
    socket: res.socket,
    status(code: number) {
      status = code;
    },
    header(name: string, value: unknown) {
      res.setHeader(name, String(value));
    },
    send(payload: unknown) {
      body = payload;
    },
    end() {
      if (res.headersSent) return;
      if (body === undefined) {
        res.writeHead(status);
        res.end();
        return;
      }
      // botbuilder sends its own errors as strings: answer JSON like every other refusal.
      const json = typeof body === 'string' && status >= 400 ? { error: body.slice(0, 200) } : body;
      const text = JSON.stringify(json);
      res.writeHead(status, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(text),
      });
      res.end(text);
    },
  };
}

export function teamsRoute(opts: TeamsRouteOptions) {
  const { adapter, bot, log } = opts;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let activity: Record<string, unknown>;
    try {
      const body = await readBody(req, { limit: BODY_LIMITS.teams });
      // Authenticated mode: no bearer token, no further work (botbuilder checks the token itself).
      if (!opts.loopbackServiceUrlOnly && !/^Bearer\s+\S/i.test(req.headers.authorization ?? ''))
        throw new HttpError(401, 'a Bot Framework token is required');
      activity = jsonObjectOf(req, body);
      const problem = checkActivity(activity, opts);
      if (problem) throw new HttpError(problem.status, problem.reason);
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      refuse(req, res, e, log, ROUTE);
      return;
    }
    const botReq: BotRequest = { body: activity, headers: req.headers, method: req.method ?? 'POST' };
    try {
      await runTurn(adapter, bot, botReq, botResponse(res));
    } catch (e) {
      log.error({ err: e, route: ROUTE }, 'teams request failed');
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end('{"error":"internal error"}');
      }
    }
  };
}
