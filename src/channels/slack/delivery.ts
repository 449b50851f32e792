/** The Slack Web API's ways to reach a person: response_url, a direct message, and its error codes. */
import { webApi } from '@slack/bolt';
import type { SlackMessage } from './blocks/text';

export type WebClient = webApi.WebClient;

/** chat.postMessage errors that mean "this channel is out of the bot's reach". */
export const UNREACHABLE = new Set(['not_in_channel', 'channel_not_found', 'is_archived']);

/** The Slack error code of a Web API platform error (`not_in_channel`), if it is one. */
export function slackErrorCode(e: unknown): string | undefined {
  if (!(e instanceof Error) || (e as { code?: unknown }).code !== webApi.ErrorCode.PlatformError)
    return undefined;
  const data = (e as { data?: { error?: unknown } }).data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

/** How long a POST to a response_url may take. */
export const RESPONSE_URL_TIMEOUT_MS = 5_000;

/** POSTs a message to a response_url (ephemeral: only the person who typed the command sees it). */
export async function postToResponseUrl(url: string, msg: SlackMessage): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, ...msg }),
    signal: AbortSignal.timeout(RESPONSE_URL_TIMEOUT_MS),
  });
  if (!res.ok) throw new Error(`response_url answered ${res.status}`);
}

/** Replaces the ephemeral message a response_url belongs to (a command's answer, updated later). */
export async function replaceThroughResponseUrl(url: string, msg: SlackMessage): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ response_type: 'ephemeral', replace_original: true, ...msg }),
    signal: AbortSignal.timeout(RESPONSE_URL_TIMEOUT_MS),
  });
  if (!res.ok) throw new Error(`response_url answered ${res.status}`);
}

/** Opens (or finds) the bot's direct-message channel with a user and posts there. */
export async function postDirectMessage(
  client: WebClient,
  userId: string,
  msg: SlackMessage,
): Promise<{ channel: string; ts: string }> {
  const im = await client.conversations.open({ users: userId });
  const channel = im.channel?.id;
  if (!channel) throw new Error('conversations.open returned no channel');
  const posted = await client.chat.postMessage({ channel, ...msg });
  return { channel: posted.channel ?? channel, ts: posted.ts ?? '' };
}
