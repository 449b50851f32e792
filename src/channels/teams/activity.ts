import { type Activity, CardFactory, TurnContext } from 'botbuilder';
import type { Workspace } from '../../core/connection';
import { connectFields, read, rotateFields, runPayload } from '../../payloads/schemas';

/** The store's id of a Teams tenant's workspace: prefixed, so it never meets a Slack team's id. */
export function teamsWorkspaceId(tenantId: string): string {
  return `teams:${tenantId}`;
}

/** The Teams tenant the activity came from: the workspace of SPEC 1.6. */
export function workspaceOf(activity: Partial<Activity>): Workspace | undefined {
  if (activity.channelId !== 'msteams') return undefined;
  const channelData = activity.channelData as { tenant?: { id?: string } } | undefined;
  const tenant = activity.conversation?.tenantId ?? channelData?.tenant?.id;
  return tenant ? { id: teamsWorkspaceId(tenant), channel: 'teams' } : undefined;
}

/** The user's stable id (AAD object id when Teams gives it). */
export function actorOf(activity: Partial<Activity>): string {
  return activity.from?.aadObjectId ?? activity.from?.id ?? 'unknown';
}

/** The sender's display name, printable and short (shown in alerts, never used to decide). */
export function actorNameOf(activity: Partial<Activity>): string | undefined {
  const name = typeof activity.from?.name === 'string' ? activity.from.name : '';
  const clean = name
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .trim()
    .slice(0, 80);
  return clean || undefined;
}

/** The text of a message with the bot's @mention removed. */
export function commandText(activity: Activity): string {
  const stripped = TurnContext.removeRecipientMention(activity) ?? activity.text ?? '';
  return stripped.replace(/<at>[^<]*<\/at>/g, '').trim();
}

export function cardActivity(card: Record<string, unknown>): Partial<Activity> {
  return { type: 'message', attachments: [CardFactory.adaptiveCard(card)] };
}

/** What a card button asks for. */
export type CardIntent =
  /** The connect form's Connect button, with the form's inputs. */
  | { kind: 'connect'; values: Record<string, unknown> }
  /** The rotate form's button, with the new secret and its date. */
  | { kind: 'rotate'; values: Record<string, unknown> }
  /** The connect form's Cancel button. */
  | { kind: 'cancel' }
  /** A button of ours whose data does not pass its schema: refused with the reason. */
  | { kind: 'invalid'; problem: string }
  /** Any other button: run a verb, as if typed. */
  | { kind: 'run'; verb: string; args: Record<string, string>; inPlace: boolean };

export interface CardAction {
  intent: CardIntent;
  /** The activity id of the card the action came from. */
  cardId?: string;
  /** Action.Submit (a message with `value`) or Action.Execute (an `adaptiveCard/action` invoke). */
  via: 'submit' | 'execute';
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function invalid(problem: string): CardIntent {
  return { kind: 'invalid', problem };
}

function runIntent(data: unknown, inPlace?: boolean): CardIntent {
  const r = read(runPayload, data);
  if (!r.ok) return invalid(r.problem);
  return {
    kind: 'run',
    verb: r.value.verb,
    args: r.value.args,
    inPlace: inPlace ?? r.value.inPlace === true,
  };
}

/** Cards posted by earlier versions name their buttons by what they do; they still work. */
function legacyIntent(action: string, data: Record<string, unknown>): CardIntent | undefined {
  if (action === 'retry') {
    const values = read(connectFields, isObject(data.values) ? data.values : {});
    return values.ok
      ? runIntent({ verb: 'connect', args: stringsOf(values.value) }, true)
      : invalid(values.problem);
  }
  if (action === 'connect-form') return runIntent({ verb: 'connect' }, false);
  if (action === 'status') return runIntent({ verb: 'status' }, false);
  return undefined;
}

const stringsOf = (o: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(Object.entries(o).filter((e): e is [string, string] => typeof e[1] === 'string'));

/** Every button's data is checked against its schema (payloads/schemas.ts) before anything runs. */
function intentOf(action: string, data: Record<string, unknown>): CardIntent | undefined {
  if (action === 'connect') {
    const r = read(connectFields, data);
    return r.ok ? { kind: 'connect', values: r.value } : invalid(r.problem);
  }
  if (action === 'rotate') {
    const r = read(rotateFields, data);
    return r.ok ? { kind: 'rotate', values: r.value } : invalid(r.problem);
  }
  if (action === 'cancel') return { kind: 'cancel' };
  if (action === 'run') return runIntent(data);
  return legacyIntent(action, data) ?? invalid(`unknown action "${action.slice(0, 32)}"`);
}

/** The button of a card action (Action.Submit message or Action.Execute invoke), if it is one of ours. */
export function cardActionOf(activity: Activity): CardAction | undefined {
  const cardId = activity.replyToId ? { cardId: activity.replyToId } : {};
  if (activity.type === 'invoke' && activity.name === 'adaptiveCard/action') {
    const v = activity.value as { action?: { verb?: unknown; data?: unknown } } | undefined;
    const data = isObject(v?.action?.data) ? v.action.data : {};
    const action = typeof data.action === 'string' ? data.action : v?.action?.verb;
    const intent = typeof action === 'string' ? intentOf(action, data) : invalid('no action');
    return intent ? { intent, via: 'execute', ...cardId } : undefined;
  }
  if (activity.type === 'message' && isObject(activity.value)) {
    const data = activity.value;
    const intent = typeof data.action === 'string' ? intentOf(data.action, data) : invalid('no action');
    return intent ? { intent, via: 'submit', ...cardId } : undefined;
  }
  return undefined;
}
