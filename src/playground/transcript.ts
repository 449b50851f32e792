/**
 * The playground's memory: per conversation, the last activities the user sent and the bot
 * posted, and who is listening (the browser tabs' event streams). Bounded, in memory only.
 */

/** One message of the chat as the browser shows it. */
export interface TranscriptEntry {
  id: string;
  role: 'user' | 'bot';
  text?: string;
  /** Bot Framework attachments ({ contentType, content }), Adaptive Cards among them. */
  attachments?: unknown[];
  replyToId?: string;
  timestamp: string;
  /** Starts at 1; each update adds 1, so a client can tell a newer card from an older one. */
  version: number;
}

export type PlaygroundEvent =
  | { type: 'activity'; entry: TranscriptEntry }
  | { type: 'update'; entry: TranscriptEntry }
  | { type: 'delete'; id: string };

export type Listener = (event: PlaygroundEvent) => void;

export interface TranscriptLimits {
  /** Activities kept per conversation (oldest dropped first). */
  maxActivities: number;
  /** Conversations kept (least recently used dropped first). */
  maxConversations: number;
}

export const DEFAULT_LIMITS: TranscriptLimits = { maxActivities: 200, maxConversations: 500 };

interface Conversation {
  entries: TranscriptEntry[];
  listeners: Set<Listener>;
}

export class Transcripts {
  private readonly conversations = new Map<string, Conversation>();

  constructor(private readonly limits: TranscriptLimits = DEFAULT_LIMITS) {}

  /** Appends an activity and tells the listeners. */
  add(conversationId: string, entry: Omit<TranscriptEntry, 'version'>): TranscriptEntry {
    const c = this.conversation(conversationId);
    const stored: TranscriptEntry = { ...entry, version: 1 };
    c.entries.push(stored);
    if (c.entries.length > this.limits.maxActivities)
      c.entries.splice(0, c.entries.length - this.limits.maxActivities);
    this.emit(c, { type: 'activity', entry: stored });
    return stored;
  }

  /**
   * Replaces an activity's content in place (a card update). With `ifVersion`, only when the
   * entry is still at that version (a later update wins). Undefined when not applied.
   */
  update(
    conversationId: string,
    id: string,
    content: Pick<TranscriptEntry, 'text' | 'attachments'>,
    ifVersion?: number,
  ): TranscriptEntry | undefined {
    const c = this.conversations.get(conversationId);
    const i = c?.entries.findIndex((e) => e.id === id) ?? -1;
    const old = c?.entries[i];
    if (!c || !old || (ifVersion !== undefined && old.version !== ifVersion)) return undefined;
    const next: TranscriptEntry = {
      id: old.id,
      role: old.role,
      timestamp: old.timestamp,
      ...(old.replyToId ? { replyToId: old.replyToId } : {}),
      ...(content.text !== undefined ? { text: content.text } : {}),
      ...(content.attachments !== undefined ? { attachments: content.attachments } : {}),
      version: old.version + 1,
    };
    c.entries[i] = next;
    this.emit(c, { type: 'update', entry: next });
    return next;
  }

  remove(conversationId: string, id: string): boolean {
    const c = this.conversations.get(conversationId);
    const i = c?.entries.findIndex((e) => e.id === id) ?? -1;
    if (!c || i < 0) return false;
    c.entries.splice(i, 1);
    this.emit(c, { type: 'delete', id });
    return true;
  }

  get(conversationId: string, id: string): TranscriptEntry | undefined {
    return this.conversations.get(conversationId)?.entries.find((e) => e.id === id);
  }

  list(conversationId: string): readonly TranscriptEntry[] {
    return this.conversations.get(conversationId)?.entries ?? [];
  }

  /** Listens to one conversation's events; returns the function that stops listening. */
  subscribe(conversationId: string, listener: Listener): () => void {
    const c = this.conversation(conversationId);
    c.listeners.add(listener);
    return () => {
      c.listeners.delete(listener);
    };
  }

  listenerCount(conversationId?: string): number {
    if (conversationId !== undefined) return this.conversations.get(conversationId)?.listeners.size ?? 0;
    let n = 0;
    for (const c of this.conversations.values()) n += c.listeners.size;
    return n;
  }

  /** The conversation, created if new, marked as most recently used. */
  private conversation(id: string): Conversation {
    let c = this.conversations.get(id);
    if (c) this.conversations.delete(id);
    else c = { entries: [], listeners: new Set() };
    this.conversations.set(id, c);
    if (this.conversations.size > this.limits.maxConversations) {
      // Drop the least recently used conversation nobody is watching (else the least recently used).
      let victim: string | undefined;
      for (const [key, conv] of this.conversations) {
        if (key === id) continue;
        victim ??= key;
        if (conv.listeners.size === 0) {
          victim = key;
          break;
        }
      }
      if (victim !== undefined) this.conversations.delete(victim);
    }
    return c;
  }

  private emit(c: Conversation, event: PlaygroundEvent): void {
    for (const l of c.listeners) l(event);
  }
}
