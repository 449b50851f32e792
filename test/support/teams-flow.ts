/**
 * The Teams connect flow as a person goes through it, against the real app and the fake Bot
 * Connector: `/osto connect azure`, the form card, its submission, the final card.
 */
import { type ConnectorCall, cardOf, cardText, type FakeConnector } from './fake-connector';
import { postActivity, teamsActivity, type Who } from './teams-activity';

/** The ids of the inputs of a card (`Input.*`), anywhere in it. */
export function inputIds(card: Record<string, unknown> | undefined): string[] {
  const ids: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string')
        ids.push(o.id);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return ids;
}

/** Sends `/osto connect azure` and returns the form card's activity id. */
export async function openForm(appUrl: string, connector: FakeConnector, w: Who): Promise<string> {
  const n = connector.calls.length;
  const res = await postActivity(appUrl, teamsActivity(w, { text: '/osto connect azure' }));
  expect(res.status).toBe(200);
  const call = await connector.waitFor(
    (c, i = connector.calls.indexOf(c)) =>
      i >= n && c.conversationId === w.conversationId && inputIds(cardOf(c)).includes('clientSecret'),
  );
  return call.resultId;
}

/** What the form submits for these credentials. */
export function formValue(
  c: { tenantId: string; subscriptionId: string; clientId: string; clientSecret: string },
  name: string,
  extra: Record<string, string> = {},
) {
  return {
    action: 'connect',
    name,
    description: 'e2e',
    tenantId: c.tenantId,
    subscriptionId: c.subscriptionId,
    clientId: c.clientId,
    clientSecret: c.clientSecret,
    ...extra,
  };
}

/** Submits the form and waits for the final card (result or failure) put on the form's activity. */
export async function submitForm(
  appUrl: string,
  connector: FakeConnector,
  w: Who,
  formId: string,
  value: Record<string, unknown>,
): Promise<{ final: ConnectorCall; updates: ConnectorCall[] }> {
  const n = connector.calls.length;
  const res = await postActivity(appUrl, teamsActivity(w, { replyToId: formId, value }));
  expect(res.status).toBe(200);
  const final = await connector.waitFor(
    (c) =>
      connector.calls.indexOf(c) >= n &&
      c.method === 'PUT' &&
      c.activityId === formId &&
      /is Active|Could not connect/.test(cardText(c)),
  );
  return { final, updates: connector.calls.slice(n).filter((c) => c.activityId === formId) };
}
