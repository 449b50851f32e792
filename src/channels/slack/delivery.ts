/**
 * Getting a message to the person after the request has been answered: a channel message
 * posted once and updated in place, with response_url and a direct message as the fallback
 * when the bot may not post in that channel (never silence); and the modal mirrored while it
 * is open.
 */
import { webApi } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { Logger } from '../../core/ports';
import { channelUnreachableMessage } from './blocks/message';
import type { SlackMessage } from './blocks/text';

type WebClient = webApi.WebClient;

/** chat.postMessage errors that mean "this channel is out of the bot's reach". */
const UNREACHABLE = new Set(['not_in_channel', 'channel_not_found', 'is_archived']);

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

/** One way the final message failed to go, for the log: never the message or the request. */
interface DeliveryFailure {
  via: 'message' | 'response_url' | 'dm';
  slackError: string | undefined;
  error: string;
}

/** An error's name and message (`Error: An API error occurred: not_in_channel`), nothing it carries. */
function describeError(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : typeof e;
}

export interface Recipient {
  /** The channel where the command was typed. */
  channelId: string;
  /** The command's response_url. */
  responseUrl: string;
  /** The person who connects (the DM fallback). */
  userId: string;
}

/**
 * One message that follows a verification: posted in the channel at the first update, then
 * updated in place. When the bot cannot post there, the person hears it through response_url
 * (at the start and at the end) and follows the progress in a direct message.
 */
export class ProgressPost {
  private posted?: { channel: string; ts: string };
  private unreachable = false;

  constructor(
    private readonly client: WebClient,
    private readonly to: Recipient,
    private readonly log: Logger,
  ) {}

  /**
   * An intermediate step: best effort. A failed update is logged and the next one tries again;
   * the verification goes on, and `finish` (which must succeed) brings the outcome.
   */
  async update(msg: SlackMessage): Promise<void> {
    try {
      await this.deliver(msg);
    } catch (e) {
      this.log.warn({ err: e, slackError: slackErrorCode(e) }, 'slack progress update failed; carrying on');
    }
  }

  /**
   * The outcome, which must reach the person: in place, and once more through response_url when
   * the channel was out of reach. When it cannot be delivered in place (chat.update failed after
   * its retries, the post never happened), response_url, then a direct message. Only when all of
   * them fail is it logged as an error (what failed, never the message). Never throws.
   */
  async finish(msg: SlackMessage): Promise<void> {
    const failures: DeliveryFailure[] = [];
    const attempt = async (via: DeliveryFailure['via'], send: () => Promise<unknown>): Promise<boolean> => {
      try {
        await send();
        return true;
      } catch (e) {
        failures.push({ via, slackError: slackErrorCode(e), error: describeError(e) });
        this.log.warn({ via, slackError: slackErrorCode(e), err: e }, 'slack final message not delivered');
        return false;
      }
    };
    // Delivered without an error, the message is somewhere only if a message was posted (in the
    // channel or a DM): out of reach with no DM, it went nowhere yet.
    const inPlace = (await attempt('message', () => this.deliver(msg))) && this.posted !== undefined;
    if (inPlace && !this.unreachable) return;
    if (await attempt('response_url', () => postToResponseUrl(this.to.responseUrl, msg))) return;
    if (inPlace) return; // the DM has it
    if (await attempt('dm', () => postDirectMessage(this.client, this.to.userId, msg))) return;
    this.log.error(
      { channel: this.to.channelId, failures },
      'the final slack message reached nobody: channel, response_url and DM all failed',
    );
  }

  private async deliver(msg: SlackMessage): Promise<void> {
    if (this.posted) {
      await this.client.chat.update({ channel: this.posted.channel, ts: this.posted.ts, ...msg });
      return;
    }
    if (this.unreachable) return; // no DM either: response_url brings the outcome
    try {
      const r = await this.client.chat.postMessage({ channel: this.to.channelId, ...msg });
      this.posted = { channel: r.channel ?? this.to.channelId, ts: r.ts ?? '' };
      return;
    } catch (e) {
      const code = slackErrorCode(e);
      if (!code || !UNREACHABLE.has(code)) throw e;
      this.log.info(
        { channel: this.to.channelId, slackError: code },
        'cannot post in the channel; using response_url and a DM',
      );
      this.unreachable = true;
    }
    await postToResponseUrl(this.to.responseUrl, channelUnreachableMessage(msg, this.to.channelId));
    try {
      this.posted = await postDirectMessage(this.client, this.to.userId, msg);
    } catch (e) {
      // The person already knows through response_url, which brings the outcome too.
      this.log.warn(
        { err: e, slackError: slackErrorCode(e) },
        'could not open a DM; the result goes to response_url',
      );
    }
  }
}

/**
 * The modal after a submit, kept in step with the channel message while it is open. Once the
 * person closes it, Slack refuses updates: the channel message carries on alone.
 */
export class ModalMirror {
  private open = true;

  constructor(
    private readonly client: WebClient,
    private readonly viewId: string,
    private readonly log: Logger,
  ) {}

  async update(view: ModalView): Promise<void> {
    if (!this.open) return;
    try {
      await this.client.views.update({ view_id: this.viewId, view });
    } catch (e) {
      this.open = false;
      this.log.debug(
        { slackError: slackErrorCode(e) },
        'modal no longer open; the channel message carries on',
      );
    }
  }
}
