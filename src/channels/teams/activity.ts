import { type Activity, CardFactory, TurnContext } from 'botbuilder';
import type { Workspace } from '../../core/connection';

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

/** The text of a message with the bot's @mention removed. */
export function commandText(activity: Activity): string {
  const stripped = TurnContext.removeRecipientMention(activity) ?? activity.text ?? '';
  return stripped.replace(/<at>[^<]*<\/at>/g, '').trim();
}

export function cardActivity(card: Record<string, unknown>): Partial<Activity> {
  return { type: 'message', attachments: [CardFactory.adaptiveCard(card)] };
}

/** The payload of an Action.Submit (message.value) or Action.Execute (invoke value.action.data). */
export interface CardAction {
  action: string;
  data: Record<string, unknown>;
  /** The activity id of the card the action came from. */
  cardId?: string;
  kind: 'submit' | 'execute';
}

export function cardActionOf(activity: Activity): CardAction | undefined {
  if (activity.type === 'invoke' && activity.name === 'adaptiveCard/action') {
    const v = activity.value as { action?: { verb?: string; data?: Record<string, unknown> } } | undefined;
    const data = v?.action?.data ?? {};
    const action = v?.action?.verb ?? (typeof data.action === 'string' ? data.action : undefined);
    return action
      ? { action, data, kind: 'execute', ...(activity.replyToId ? { cardId: activity.replyToId } : {}) }
      : undefined;
  }
  if (activity.type === 'message' && activity.value && typeof activity.value === 'object') {
    const data = activity.value as Record<string, unknown>;
    return typeof data.action === 'string'
      ? {
          action: data.action,
          data,
          kind: 'submit',
          ...(activity.replyToId ? { cardId: activity.replyToId } : {}),
        }
      : undefined;
  }
  return undefined;
}
