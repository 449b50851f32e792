import type { MessageRef } from './attempt';
import type { Reply } from './reply';

/** Why a message could not be delivered, in the few classes the core acts on. */
export type DeliveryFailure =
  /** The bot was removed from the team or chat, or uninstalled. */
  | 'bot_removed'
  /** The conversation or the message is gone (deleted, archived, not found). */
  | 'conversation_gone'
  /** The bot may not post there (not in the channel, no permission). */
  | 'not_allowed'
  /** The channel asked to slow down. */
  | 'throttled'
  /** The channel could not be reached or failed (timeout, 5xx). */
  | 'unavailable';

export type Delivery =
  | {
      ok: true;
      /** The message's id, when one was posted. */
      messageId?: string;
      /** Where the message now is, when the channel moved it (a direct message instead of the channel). */
      to?: MessageRef;
    }
  | { ok: false; failure: DeliveryFailure; detail: string; retryAfterSeconds?: number };

/**
 * Proactive messages, implemented by each channel: post a reply to a stored conversation,
 * update a posted message. Failures are classified and returned, never thrown.
 */
export interface Notifier {
  post(to: MessageRef, reply: Reply): Promise<Delivery>;
  /**
   * Replaces a posted message. `final`: the message must reach the person, so the channel falls
   * back to what it can (a new message, a direct message) when the update cannot be made.
   */
  update(to: MessageRef, reply: Reply, opts?: { final?: boolean }): Promise<Delivery>;
}
