/**
 * The one error handler of the Slack channel (Bolt's app.error): logs what failed (never the
 * payload: a submitted modal holds the secret) and tells the person, through the request's
 * response_url or else a direct message.
 */
import { type CodedError, ErrorCode, type webApi } from '@slack/bolt';
import type { Logger } from '../../core/ports';
import { SLACK_TOKEN_REFUSED, SOMETHING_WENT_WRONG, textMessage } from './blocks/message';
import { postDirectMessage, postToResponseUrl, slackErrorCode } from './delivery';

/** A failure the listener already told the person about (e.g. in the modal); only logged here. */
export class AnsweredError extends Error {
  override readonly name = 'AnsweredError';
  constructor(override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/** Safe facts about a request for the log: its kind and ids, no values. */
export function describeRequest(body: unknown): Record<string, string | undefined> {
  const b = (body ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const view = b.view as { callback_id?: unknown } | undefined;
  const actions = b.actions as { action_id?: unknown }[] | undefined;
  return {
    kind: str(b.type) ?? (str(b.command) ? 'command' : undefined),
    command: str(b.command),
    callbackId: str(view?.callback_id),
    actionId: str(actions?.[0]?.action_id),
    team: str(b.team_id) ?? str((b.team as { id?: unknown } | undefined)?.id),
  };
}

function responseUrlOf(body: Record<string, unknown>): string | undefined {
  return typeof body.response_url === 'string' ? body.response_url : undefined;
}

function userOf(body: Record<string, unknown>): string | undefined {
  if (typeof body.user_id === 'string') return body.user_id;
  const user = body.user as { id?: unknown } | undefined;
  return typeof user?.id === 'string' ? user.id : undefined;
}

/** What Bolt's extended error handler receives (the part used here). */
interface ErrorArgs {
  error: CodedError;
  body: unknown;
}

export function slackErrorHandler(log: Logger, client: webApi.WebClient) {
  return async ({ error, body }: ErrorArgs): Promise<void> => {
    const cause = (error as { original?: unknown }).original ?? error;
    log.error(
      { err: cause, boltCode: error.code, slackError: slackErrorCode(cause), request: describeRequest(body) },
      'slack request failed',
    );
    if (cause instanceof AnsweredError) return;
    const b = (body ?? {}) as Record<string, unknown>;
    const tokenRefused = error.code === ErrorCode.AuthorizationError && slackErrorCode(cause) !== undefined;
    const msg = textMessage(tokenRefused ? SLACK_TOKEN_REFUSED : SOMETHING_WENT_WRONG);
    const url = responseUrlOf(b);
    const user = userOf(b);
    try {
      if (url) await postToResponseUrl(url, msg);
      else if (user) await postDirectMessage(client, user, msg);
      else log.warn({ request: describeRequest(body) }, 'a failed slack request named nobody to tell');
    } catch (e) {
      log.error(
        { err: e, slackError: slackErrorCode(e) },
        'could not tell the user about a failed slack request',
      );
    }
  };
}
