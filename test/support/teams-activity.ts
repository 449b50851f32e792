import { randomUUID } from 'node:crypto';

export interface Who {
  tenantId: string;
  conversationId: string;
  userId: string;
  serviceUrl: string;
}

/** A Bot Framework activity as Teams sends it. */
export function teamsActivity(who: Who, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'message',
    id: `in-${randomUUID()}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: who.serviceUrl,
    from: { id: `29:${who.userId}`, aadObjectId: who.userId, name: 'Ada Admin' },
    recipient: { id: '28:osto-bot', name: 'Osto' },
    conversation: { id: who.conversationId, tenantId: who.tenantId, conversationType: 'personal' },
    channelData: { tenant: { id: who.tenantId } },
    locale: 'en-US',
    ...extra,
  };
}

export async function postActivity(
  appUrl: string,
  activity: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${appUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}
