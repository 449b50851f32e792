/**
 * `POST /playground/api/send`: what the user typed or clicked, made into the activity Teams
 * would send and posted over HTTP to this server's own `/api/messages`, as Teams would.
 *
 *   { conversationId, userId, tenantId, text?, value?, replyToId? }   → message (text / Action.Submit)
 *   { conversationId, userId, tenantId, invoke: { verb, data, cardId } } → invoke adaptiveCard/action
 *
 * Answers `{ ok: true, activityId }`; for an invoke also `invokeResponse` (the bot's
 * `{ statusCode, type, value }`) and `entry` (the card as replaced in the transcript, with its
 * version, unless a newer update of that card arrived meanwhile).
 */
import type restify from 'restify';
import type { Logger } from '../core/ports';
import { BODY_LIMITS, jsonBody } from '../http/intake';
import { ADAPTIVE_CARD, invokeCardOf, parseSendInput, teamsActivityOf } from './activity';
import { CONNECTOR_PATH } from './connector-routes';
import type { Transcripts } from './transcript';

export interface SendRouteDeps {
  transcripts: Transcripts;
  /** This server's own base URL, e.g. http://127.0.0.1:3978. */
  selfUrl: () => string;
  log: Logger;
  /** How long to wait for the bot to answer a turn. */
  turnTimeoutMs?: number;
}

export function registerSendRoute(server: restify.Server, deps: SendRouteDeps): void {
  const json = jsonBody(BODY_LIMITS.playgroundSend, deps.log, '/playground/api/send');
  server.post('/playground/api/send', json, async (req: restify.Request, res: restify.Response) => {
    const input = parseSendInput(req.body);
    if (typeof input === 'string') {
      res.send(400, { ok: false, error: input });
      return;
    }
    const base = deps.selfUrl();
    const activity = teamsActivityOf(input, `${base}${CONNECTOR_PATH}`);
    const activityId = activity.id as string;
    // The user's own words appear in the chat, as in Teams; card submissions do not.
    if (input.text?.trim())
      deps.transcripts.add(input.conversationId, {
        id: activityId,
        role: 'user',
        text: input.text,
        timestamp: activity.timestamp as string,
      });
    const cardVersion = input.invoke
      ? deps.transcripts.get(input.conversationId, input.invoke.cardId)?.version
      : undefined;

    let status: number;
    let text: string;
    try {
      const answer = await fetch(`${base}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
        signal: AbortSignal.timeout(deps.turnTimeoutMs ?? 60_000),
      });
      status = answer.status;
      text = await answer.text();
    } catch (e) {
      deps.log.warn({ err: e }, 'playground: the bot did not answer');
      res.send(502, { ok: false, error: `The bot did not answer: ${(e as Error).message}` });
      return;
    }
    if (status >= 400) {
      res.send(502, { ok: false, error: `The bot answered HTTP ${status}`, detail: text.slice(0, 500) });
      return;
    }
    if (!input.invoke) {
      res.send(200, { ok: true, activityId });
      return;
    }
    let invokeResponse: unknown;
    try {
      invokeResponse = text ? JSON.parse(text) : undefined;
    } catch {
      invokeResponse = undefined;
    }
    // Teams replaces the card with the one in the invoke response; so does the transcript,
    // unless the bot already updated that card again (then the newer card stays).
    const card = invokeCardOf(invokeResponse);
    const entry =
      card && cardVersion !== undefined
        ? deps.transcripts.update(
            input.conversationId,
            input.invoke.cardId,
            { attachments: [{ contentType: ADAPTIVE_CARD, content: card }] },
            cardVersion,
          )
        : undefined;
    res.send(200, { ok: true, activityId, invokeResponse, ...(entry ? { entry } : {}) });
  });
}
