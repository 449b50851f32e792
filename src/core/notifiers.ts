import type { MessageRef } from './attempt';
import type { Channel } from './connection';
import type { Delivery, Notifier } from './notifier';
import type { Reply } from './reply';

/** The Notifier of every channel that is on, chosen by the message's channel. */
export class ChannelNotifiers implements Notifier {
  constructor(private readonly byChannel: Partial<Record<Channel, Notifier>>) {}

  private of(to: MessageRef): Notifier | undefined {
    return this.byChannel[to.channel];
  }

  async post(to: MessageRef, reply: Reply): Promise<Delivery> {
    return (await this.of(to)?.post(to, reply)) ?? notConfigured(to.channel);
  }

  async update(to: MessageRef, reply: Reply, opts?: { final?: boolean }): Promise<Delivery> {
    return (await this.of(to)?.update(to, reply, opts)) ?? notConfigured(to.channel);
  }
}

function notConfigured(channel: Channel): Delivery {
  return { ok: false, failure: 'unavailable', detail: `${channel} is not configured on this bot` };
}
