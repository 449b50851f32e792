/**
 * Proactive messages in Slack: post to a channel, update a posted message, and never leave the
 * person in silence. When the bot may not post in the channel, a connect's progress goes to the
 * person through response_url (once at the start, once at the end) and a direct message; when
 * the final update cannot be made, response_url, then a direct message. An open modal is kept
 * in step while it is open. Failures come back classified, never thrown.
 */
import type { MessageRef } from '../../core/attempt';
import type { Delivery, DeliveryFailure, Notifier } from '../../core/notifier';
import type { Logger } from '../../core/ports';
import type { Reply } from '../../core/reply';
import { channelUnreachableMessage } from './blocks/message';
import { infoModal } from './blocks/modal';
import type { SlackMessage } from './blocks/text';
import {
  postDirectMessage,
  postToResponseUrl,
  replaceThroughResponseUrl,
  slackErrorCode,
  UNREACHABLE,
  type WebClient,
} from './delivery';
import { messageOf } from './render';

const FAILURES: Record<string, DeliveryFailure> = {
  not_in_channel: 'not_allowed',
  restricted_action: 'not_allowed',
  channel_not_found: 'conversation_gone',
  is_archived: 'conversation_gone',
  message_not_found: 'conversation_gone',
  account_inactive: 'bot_removed',
  token_revoked: 'bot_removed',
  invalid_auth: 'bot_removed',
  not_authed: 'bot_removed',
  ratelimited: 'throttled',
};

function classify(e: unknown): { failure: DeliveryFailure; detail: string } {
  const code = slackErrorCode(e);
  return {
    failure: (code && FAILURES[code]) || 'unavailable',
    detail: code ?? (e instanceof Error ? `${e.name}: ${e.message}` : String(e)),
  };
}

/** `C123/1700000000.000100` ↔ channel and ts. */
function split(messageId: string): { channel: string; ts: string } {
  const at = messageId.indexOf('/');
  return { channel: messageId.slice(0, at), ts: messageId.slice(at + 1) };
}

/** One way the final message failed to go, for the log: never the message or the request. */
interface WayFailed {
  via: 'message' | 'response_url' | 'dm';
  slackError: string | undefined;
  error: string;
}

export class SlackNotifier implements Notifier {
  /** Modals the person closed (Slack refuses their updates): not tried again. */
  private readonly closedModals = new Set<string>();

  constructor(
    private readonly client: WebClient,
    private readonly log: Logger,
  ) {}

  async post(to: MessageRef, reply: Reply): Promise<Delivery> {
    const msg = messageOf(reply);
    try {
      const r = await this.client.chat.postMessage({ channel: to.conversationKey, ...msg });
      return { ok: true, messageId: `${r.channel ?? to.conversationKey}/${r.ts ?? ''}` };
    } catch (e) {
      const code = slackErrorCode(e);
      const { responseUrl, userId } = to.extra ?? {};
      if (!code || !UNREACHABLE.has(code) || !responseUrl || !userId) return { ok: false, ...classify(e) };
      // The person is told where the progress goes, then follows it in a direct message.
      this.log.info(
        { channel: to.conversationKey, slackError: code },
        'cannot post in the channel; using response_url and a DM',
      );
      try {
        await postToResponseUrl(responseUrl, channelUnreachableMessage(msg, to.conversationKey));
      } catch (urlError) {
        this.log.warn({ err: urlError }, 'response_url refused the note about the channel');
      }
      try {
        const dm = await postDirectMessage(this.client, userId, msg);
        const messageId = `${dm.channel}/${dm.ts}`;
        return { ok: true, messageId, to: { ...to, messageId, extra: { ...to.extra, via: 'dm' } } };
      } catch (dmError) {
        this.log.warn(
          { err: dmError, slackError: slackErrorCode(dmError) },
          'could not open a DM; the result goes to response_url',
        );
        return { ok: true, to: { ...to, extra: { ...to.extra, via: 'none' } } };
      }
    }
  }

  async update(to: MessageRef, reply: Reply, opts: { final?: boolean } = {}): Promise<Delivery> {
    const msg = messageOf(reply);
    // An ephemeral answer (only its asker sees it) is replaced through its response_url.
    if (to.extra?.ephemeral && to.extra.responseUrl) {
      try {
        await replaceThroughResponseUrl(to.extra.responseUrl, msg);
        return { ok: true };
      } catch (e) {
        return { ok: false, failure: 'unavailable', detail: e instanceof Error ? e.message : String(e) };
      }
    }
    await this.mirrorModal(to, reply, msg, opts.final === true);
    if (!opts.final) {
      if (!to.messageId) return { ok: true };
      try {
        await this.client.chat.update({ ...split(to.messageId), ...msg });
        return { ok: true, messageId: to.messageId };
      } catch (e) {
        return { ok: false, ...classify(e) };
      }
    }
    return this.deliverFinal(to, msg);
  }

  /**
   * The outcome, which must reach the person: in place, and once more through response_url when
   * the channel was out of reach. When it cannot be delivered in place, response_url, then a
   * direct message. Only when all of them fail is it logged as an error (what failed, never the
   * message).
   */
  private async deliverFinal(to: MessageRef, msg: SlackMessage): Promise<Delivery> {
    const failures: WayFailed[] = [];
    const attempt = async (via: WayFailed['via'], send: () => Promise<unknown>): Promise<boolean> => {
      try {
        await send();
        return true;
      } catch (e) {
        failures.push({
          via,
          slackError: slackErrorCode(e),
          error: e instanceof Error ? `${e.name}: ${e.message}` : typeof e,
        });
        this.log.warn({ via, slackError: slackErrorCode(e), err: e }, 'slack final message not delivered');
        return false;
      }
    };
    const { responseUrl, userId, via } = to.extra ?? {};
    // In place: the posted message updated; when none was posted (the first post failed, not for
    // want of access), a new one in the channel.
    const inPlace = to.messageId
      ? await attempt('message', () => this.client.chat.update({ ...split(to.messageId as string), ...msg }))
      : via !== 'none' &&
        (await attempt('message', () =>
          this.client.chat.postMessage({ channel: to.conversationKey, ...msg }),
        ));
    if (inPlace && via !== 'dm' && via !== 'none') return { ok: true, messageId: to.messageId };
    if (responseUrl && (await attempt('response_url', () => postToResponseUrl(responseUrl, msg))))
      return { ok: true, ...(to.messageId ? { messageId: to.messageId } : {}) };
    if (inPlace) return { ok: true, messageId: to.messageId }; // the DM has it
    if (userId && via !== 'dm' && (await attempt('dm', () => postDirectMessage(this.client, userId, msg))))
      return { ok: true };
    this.log.error(
      { channel: to.conversationKey, failures },
      'the final slack message reached nobody: channel, response_url and DM all failed',
    );
    return { ok: false, failure: 'unavailable', detail: 'every way of reaching the person failed' };
  }

  /** The modal of a submit, kept in step with the message while it is open. */
  private async mirrorModal(to: MessageRef, reply: Reply, msg: SlackMessage, final: boolean): Promise<void> {
    const viewId = to.extra?.viewId;
    if (!viewId || this.closedModals.has(viewId)) return;
    const title =
      reply.kind === 'result' ? 'Connected' : reply.kind === 'failure' ? 'Could not connect' : 'Connecting';
    const note = final ? undefined : postedIn(to);
    try {
      await this.client.views.update({
        view_id: viewId,
        view: infoModal(title, msg, to.extra?.metadata ?? '', note),
      });
    } catch (e) {
      this.closedModals.add(viewId);
      this.log.debug(
        { slackError: slackErrorCode(e) },
        'modal no longer open; the channel message carries on',
      );
    }
    if (final) this.closedModals.delete(viewId);
  }
}

function postedIn(to: MessageRef): string {
  const id = to.conversationKey.replace(/[^A-Za-z0-9]/g, '');
  return `Progress and the result are posted in ${id ? `<#${id}>` : 'the conversation'}. You can close this window.`;
}
