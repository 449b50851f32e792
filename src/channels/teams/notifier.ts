/**
 * Proactive messages in Teams: post to, or update a message in, a conversation the bot stored
 * the reference of (they survive a restart), through the Bot Connector. Failures come back
 * classified, never thrown: 403 means the bot was removed, 404 that the conversation or message
 * is gone, 429 throttling, a timeout or a 5xx that Teams is unavailable.
 */
import type { Activity, CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { MessageRef } from '../../core/attempt';
import type { Delivery, DeliveryFailure, Notifier } from '../../core/notifier';
import type { Logger } from '../../core/ports';
import type { Reply } from '../../core/reply';
import type { ConversationRepo } from '../../core/store/ports';
import { cardActivity } from './activity';
import { deliveryFailureOf } from './adapter';
import { renderReply } from './render';

export interface TeamsNotifierDeps {
  adapter: CloudAdapter;
  /** MicrosoftAppId ('' in local mode). */
  appId: string;
  conversations: ConversationRepo;
  log: Logger;
}

function classify(e: unknown): { failure: DeliveryFailure; detail: string } {
  const d = deliveryFailureOf(e);
  if (!d) return { failure: 'unavailable', detail: e instanceof Error ? e.message : String(e) };
  const status = d.status;
  const failure: DeliveryFailure =
    d.kind !== 'http'
      ? 'unavailable'
      : status === 403 || status === 401
        ? 'bot_removed'
        : status === 404 || status === 410
          ? 'conversation_gone'
          : status === 429
            ? 'throttled'
            : 'unavailable';
  return { failure, detail: d.message };
}

export class TeamsNotifier implements Notifier {
  constructor(private readonly deps: TeamsNotifierDeps) {}

  post(to: MessageRef, reply: Reply): Promise<Delivery> {
    return this.within(to, async (c) => {
      const sent = await c.sendActivity(cardActivity(renderReply(reply)));
      return sent?.id ? { ok: true, messageId: sent.id } : { ok: true };
    });
  }

  update(to: MessageRef, reply: Reply, opts: { final?: boolean } = {}): Promise<Delivery> {
    const card = cardActivity(renderReply(reply));
    return this.within(to, async (c) => {
      if (to.messageId) {
        try {
          await c.updateActivity({ ...card, id: to.messageId } as Partial<Activity>);
          return { ok: true, messageId: to.messageId };
        } catch (e) {
          // A progress step that cannot be shown is skipped (the next one replaces the card anyway);
          // the outcome goes out as a new message instead.
          if (!opts.final) throw e;
          this.deps.log.warn(
            { ...classify(e) },
            'could not replace the card; posting the outcome as a new message',
          );
        }
      } else if (!opts.final) return { ok: true };
      const sent = await c.sendActivity(card);
      return sent?.id ? { ok: true, messageId: sent.id } : { ok: true };
    });
  }

  /** Runs `send` in the stored conversation; every failure becomes a classified Delivery. */
  private async within(to: MessageRef, send: (c: TurnContext) => Promise<Delivery>): Promise<Delivery> {
    const target = await this.deps.conversations.get(to.workspaceId, to.conversationKey);
    if (!target)
      return { ok: false, failure: 'conversation_gone', detail: 'no stored reference for this conversation' };
    let result: Delivery = { ok: false, failure: 'unavailable', detail: 'not sent' };
    try {
      await this.deps.adapter.continueConversationAsync(
        this.deps.appId,
        target.reference as Partial<ConversationReference>,
        async (c) => {
          // Errors thrown in here would go to onTurnError (a misleading "Something went wrong").
          try {
            result = await send(c);
          } catch (e) {
            result = { ok: false, ...classify(e) };
          }
        },
      );
    } catch (e) {
      result = { ok: false, ...classify(e) };
    }
    return result;
  }
}
