import type { MessageRef } from '../../src/core/attempt';
import type { Delivery, Notifier } from '../../src/core/notifier';
import type { Reply } from '../../src/core/reply';

export interface Sent {
  op: 'post' | 'update';
  to: MessageRef;
  reply: Reply;
  final: boolean;
}

/** A Notifier that records what the core sends; `answer` decides each delivery (ok by default). */
export class RecordingNotifier implements Notifier {
  readonly sent: Sent[] = [];
  answer: (s: Sent) => Delivery = (s) => ({ ok: true, messageId: s.to.messageId ?? `m-${this.sent.length}` });

  async post(to: MessageRef, reply: Reply): Promise<Delivery> {
    const s: Sent = { op: 'post', to, reply, final: true };
    this.sent.push(s);
    return this.answer(s);
  }

  async update(to: MessageRef, reply: Reply, opts: { final?: boolean } = {}): Promise<Delivery> {
    const s: Sent = { op: 'update', to, reply, final: opts.final === true };
    this.sent.push(s);
    return this.answer(s);
  }

  /** The kinds of reply sent, in order ("progress", "result", ...). */
  kinds(): string[] {
    return this.sent.map((s) => s.reply.kind);
  }
}
