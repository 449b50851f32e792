/**
 * The Bot Connector the bot talks to in the playground: the `serviceUrl` of every playground
 * activity points here. Replies, proactive messages, updates and deletes land in the
 * transcript, which pushes them to the browser.
 *
 *   POST   /playground/connector/v3/conversations/:conversationId/activities               new activity
 *   POST   /playground/connector/v3/conversations/:conversationId/activities/:activityId   reply to it
 *   PUT    /playground/connector/v3/conversations/:conversationId/activities/:activityId   update it
 *   DELETE /playground/connector/v3/conversations/:conversationId/activities/:activityId   delete it
 */
import { randomUUID } from 'node:crypto';
import type restify from 'restify';
import type { Logger } from '../core/ports';
import { BODY_LIMITS, jsonBody } from '../http/intake';
import { contentOf } from './activity';
import type { Transcripts } from './transcript';

export const CONNECTOR_PATH = '/playground/connector';
const ACTIVITIES = `${CONNECTOR_PATH}/v3/conversations/:conversationId/activities`;

type Req = restify.Request;
type Res = restify.Response;

const param = (req: Req, name: string): string => String((req.params as Record<string, unknown>)[name] ?? '');

const bodyOf = (req: Req): Record<string, unknown> =>
  req.body && typeof req.body === 'object' && !Array.isArray(req.body)
    ? (req.body as Record<string, unknown>)
    : {};

function notFound(res: Res, id: string): void {
  res.send(404, {
    error: { code: 'ActivityNotFoundInConversation', message: `No activity ${id} in this conversation.` },
  });
}

export function registerConnectorRoutes(server: restify.Server, transcripts: Transcripts, log: Logger): void {
  const json = jsonBody(BODY_LIMITS.playgroundConnector, log, CONNECTOR_PATH);

  const create = (req: Req, res: Res, next: restify.Next) => {
    const activity = bodyOf(req);
    const id = `pg-${randomUUID()}`;
    // Typing indicators and the like are acknowledged, not shown.
    if ((activity.type ?? 'message') === 'message') {
      const replyToId = req.params.activityId ? param(req, 'activityId') : undefined;
      transcripts.add(param(req, 'conversationId'), {
        id,
        role: 'bot',
        timestamp: typeof activity.timestamp === 'string' ? activity.timestamp : new Date().toISOString(),
        ...(replyToId ? { replyToId } : {}),
        ...contentOf(activity),
      });
    }
    res.send(200, { id });
    next();
  };
  server.post(ACTIVITIES, json, create);
  server.post(`${ACTIVITIES}/:activityId`, json, create);

  server.put(`${ACTIVITIES}/:activityId`, json, (req: Req, res: Res, next: restify.Next) => {
    const id = param(req, 'activityId');
    const updated = transcripts.update(param(req, 'conversationId'), id, contentOf(bodyOf(req)));
    if (updated) res.send(200, { id });
    else notFound(res, id);
    next();
  });

  server.del(`${ACTIVITIES}/:activityId`, (req: Req, res: Res, next: restify.Next) => {
    const id = param(req, 'activityId');
    if (transcripts.remove(param(req, 'conversationId'), id)) res.send(200, {});
    else notFound(res, id);
    next();
  });
}
