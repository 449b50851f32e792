/**
 * What the browser sends (validated), and the Bot Framework activity Teams would make of it:
 * a personal chat in a tenant, from an Entra ID user, to the bot, with a serviceUrl that
 * points back at the playground's own connector.
 */
import { randomUUID } from 'node:crypto';
import type { TranscriptEntry } from './transcript';

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
export const BOT = { id: '28:osto-playground-bot', name: 'Osto' };

export interface SendInput {
  conversationId: string;
  userId: string;
  tenantId: string;
  userName?: string;
  text?: string;
  /** Action.Submit: the action's data merged with the card's inputs. */
  value?: Record<string, unknown>;
  /** Action.Submit: the activity id of the card. */
  replyToId?: string;
  /** Action.Execute: sent as an `adaptiveCard/action` invoke. */
  invoke?: { verb: string; data: Record<string, unknown>; cardId: string };
}

const ID = /^[A-Za-z0-9:._@-]{1,128}$/;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The send request's body, or a one-line reason it is not acceptable. */
export function parseSendInput(body: unknown): SendInput | string {
  if (!isObject(body)) return 'expected a JSON object';
  const out: Partial<SendInput> = {};
  for (const k of ['conversationId', 'userId', 'tenantId'] as const) {
    const v = body[k];
    if (typeof v !== 'string' || !ID.test(v)) return `${k}: expected 1-128 letters, digits or : . _ @ -`;
    out[k] = v;
  }
  if (body.userName !== undefined) {
    if (typeof body.userName !== 'string' || body.userName.length > 64) return 'userName: at most 64 chars';
    out.userName = body.userName;
  }
  if (body.text !== undefined) {
    if (typeof body.text !== 'string' || body.text.length > 4000)
      return 'text: a string of at most 4000 chars';
    out.text = body.text;
  }
  if (body.value !== undefined) {
    if (!isObject(body.value)) return 'value: expected an object';
    out.value = body.value;
  }
  if (body.replyToId !== undefined) {
    if (typeof body.replyToId !== 'string' || !ID.test(body.replyToId)) return 'replyToId: expected an id';
    out.replyToId = body.replyToId;
  }
  if (body.invoke !== undefined) {
    const i = body.invoke;
    if (!isObject(i) || typeof i.verb !== 'string' || !i.verb) return 'invoke.verb: expected a string';
    if (i.data !== undefined && !isObject(i.data)) return 'invoke.data: expected an object';
    if (typeof i.cardId !== 'string' || !ID.test(i.cardId)) return 'invoke.cardId: expected an id';
    out.invoke = { verb: i.verb, data: isObject(i.data) ? i.data : {}, cardId: i.cardId };
  }
  const kinds = [out.text !== undefined || out.value !== undefined, out.invoke !== undefined];
  if (kinds.filter(Boolean).length !== 1) return 'send either text and/or value, or invoke';
  if (out.text !== undefined && !out.text.trim() && out.value === undefined) return 'text: empty';
  return out as SendInput;
}

/** The activity Teams would post to the bot for this input. */
export function teamsActivityOf(input: SendInput, serviceUrl: string): Record<string, unknown> {
  const base = {
    id: `pg-in-${randomUUID()}`,
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: `29:${input.userId}`, aadObjectId: input.userId, name: input.userName ?? 'Playground user' },
    recipient: BOT,
    conversation: { id: input.conversationId, tenantId: input.tenantId, conversationType: 'personal' },
    channelData: { tenant: { id: input.tenantId } },
    locale: 'en-US',
  };
  if (input.invoke)
    return {
      ...base,
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: input.invoke.verb, data: input.invoke.data } },
      replyToId: input.invoke.cardId,
    };
  return {
    ...base,
    type: 'message',
    ...(input.text !== undefined ? { text: input.text, textFormat: 'plain' } : {}),
    ...(input.value !== undefined ? { value: input.value } : {}),
    ...(input.replyToId ? { replyToId: input.replyToId } : {}),
  };
}

/** What the browser shows of an activity the bot sent (text and attachments). */
export function contentOf(activity: Record<string, unknown>): Pick<TranscriptEntry, 'text' | 'attachments'> {
  const text = typeof activity.text === 'string' && activity.text ? activity.text : undefined;
  const attachments = Array.isArray(activity.attachments) ? activity.attachments : undefined;
  return { ...(text !== undefined ? { text } : {}), ...(attachments?.length ? { attachments } : {}) };
}

/** The card of an Action.Execute answer: `{ statusCode: 200, type: <adaptive card>, value: card }`. */
export function invokeCardOf(body: unknown): Record<string, unknown> | undefined {
  if (!isObject(body) || body.type !== ADAPTIVE_CARD || !isObject(body.value)) return undefined;
  return body.value;
}
