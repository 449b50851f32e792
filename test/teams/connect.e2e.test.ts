import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { teamsWorkspaceId } from '../../src/channels/teams/activity';
import { type Emulator, SAMPLE, sampleWorld } from '../../src/emulator';
import { type Harness, startApp } from '../support/app-harness';
import { startTestEmulator } from '../support/emulator';
import { AZURE_FAILURE_CASES } from '../support/failure-cases';
import { type ConnectorCall, cardOf, cardText, FakeConnector } from '../support/fake-connector';
import { postActivity, teamsActivity, type Who } from '../support/teams-activity';
import * as teamsFlow from '../support/teams-flow';

const C = SAMPLE.credentials;

let emu: Emulator;
let connector: FakeConnector;
let h: Harness;

beforeAll(async () => {
  emu = await startTestEmulator({ world: sampleWorld(), throttle: false });
  connector = await new FakeConnector().start();
  h = await startApp(emu);
});
afterAll(async () => {
  await h.app.close();
  await connector.close();
  await emu.close();
});
beforeEach(() => {
  emu.faults.clear();
  connector.clearFailures();
});

function who(tenantId = SAMPLE.tenants.contoso.id): Who {
  return {
    tenantId,
    conversationId: `a:conv-${randomUUID()}`,
    userId: randomUUID(),
    serviceUrl: connector.url,
  };
}

const inputIds = teamsFlow.inputIds;
const openForm = (w: Who) => teamsFlow.openForm(h.app.url, connector, w);
const form = teamsFlow.formValue;
const submit = (w: Who, formId: string, value: Record<string, unknown>) =>
  teamsFlow.submitForm(h.app.url, connector, w, formId, value);

function countRows(): { secrets: number; connections: number } {
  const db = new Database(h.dbPath, { readonly: true, fileMustExist: true });
  try {
    const n = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { secrets: n('secrets'), connections: n('connections') };
  } finally {
    db.close();
  }
}

describe('Teams: /osto connect azure end to end (real server, botbuilder, SQLite, Azure SDKs → emulator)', () => {
  let w: Who;
  beforeAll(() => {
    w = who();
  });

  it('command → form → submit → progress updates → Active with the exact asset count; then status lists it', async () => {
    const formId = await openForm(w);
    const formCall = connector.calls.find((c) => c.resultId === formId);
    expect(inputIds(cardOf(formCall as ConnectorCall))).toEqual(
      expect.arrayContaining([
        'name',
        'description',
        'subscriptionId',
        'clientId',
        'clientSecret',
        'tenantId',
        'secretExpiresOn',
      ]),
    );
    const submittedAt = Date.now();
    const { final, updates } = await submit(w, formId, form(C.good, 'Production'));
    // The form was replaced by progress first, then updated stage by stage, then the result.
    const texts = updates.map(cardText);
    expect(texts[0]).toMatch(/Connecting Production/);
    expect(updates.length).toBeGreaterThanOrEqual(4);
    expect(updates.every((u) => inputIds(cardOf(u)).length === 0)).toBe(true);
    expect(cardText(final)).toMatch(/Production is Active/);
    expect(cardText(final)).toContain('137');
    expect(cardText(final)).toContain('Contoso Production');

    const n = connector.calls.length;
    await postActivity(h.app.url, teamsActivity(w, { text: 'status' }));
    const status = await connector.waitFor((c) => connector.calls.indexOf(c) >= n);
    expect(cardText(status)).toContain('Production');
    expect(cardText(status)).toContain('137');
    expect(cardText(status)).toMatch(/Active/);

    // Nothing the bot sent after the submission holds the secret; nor do the database's bytes.
    const after = connector.calls.filter((c) => c.at >= submittedAt);
    expect(after.length).toBeGreaterThan(3);
    for (const c of after) expect(c.raw).not.toContain(C.good.clientSecret);
    expect(h.dbBytes().length).toBeGreaterThan(0);
    expect(h.dbBytes().includes(Buffer.from(C.good.clientSecret))).toBe(false);
    expect(h.dbBytes().includes(Buffer.from('Production'))).toBe(true);
    for (const line of h.logs) expect(line).not.toContain(C.good.clientSecret);
  });

  it('status from another tenant lists nothing of the first', async () => {
    const other = who(SAMPLE.tenants.fabrikam.id);
    const n = connector.calls.length;
    await postActivity(
      h.app.url,
      teamsActivity(other, {
        text: '<at>Osto</at> status',
        entities: [
          { type: 'mention', text: '<at>Osto</at>', mentioned: { id: '28:osto-bot', name: 'Osto' } },
        ],
      }),
    );
    const status = await connector.waitFor((c) => connector.calls.indexOf(c) >= n);
    expect(cardText(status)).not.toContain('Production');
    expect(cardText(status)).toMatch(/No Azure subscription is connected yet/);
  });

  it('a second connection with the same name (any case) is refused in the form, nothing stored', async () => {
    const formId = await openForm(w);
    const n = connector.calls.length;
    await postActivity(
      h.app.url,
      teamsActivity(w, { replyToId: formId, value: form(C.owner, 'PRODUCTION') }),
    );
    const put = await connector.waitFor((c) => connector.calls.indexOf(c) >= n && c.method === 'PUT');
    expect(cardText(put)).toMatch(/already exists/);
    expect(put.raw).not.toContain(C.owner.clientSecret);
  });

  it('bad input goes back into the form with field errors, keeps the values but never the secret, and reaches no Azure', async () => {
    const formId = await openForm(w);
    const before = emu.requests.length;
    const n = connector.calls.length;
    await postActivity(
      h.app.url,
      teamsActivity(w, {
        replyToId: formId,
        value: form(C.good, 'Bad', {
          subscriptionId: 'nope',
          clientSecret: 'd92c9227-eadf-4085-bfcb-75468eb22579',
        }),
      }),
    );
    const put = await connector.waitFor(
      (c) => connector.calls.indexOf(c) >= n && c.method === 'PUT' && c.activityId === formId,
    );
    expect(cardText(put)).toMatch(/Subscription ID must be a GUID/);
    expect(cardText(put)).toMatch(/secret's ID/);
    expect(cardText(put)).toContain(C.good.clientId);
    expect(put.raw).not.toContain('d92c9227-eadf-4085-bfcb-75468eb22579');
    expect(emu.requests.length).toBe(before);
  });

  it.each(['channel', 'groupChat'])('works in a %s with an @mention', async (conversationType) => {
    const wc = who(randomUUID());
    const n = connector.calls.length;
    const activity = teamsActivity(wc, {
      text: '<at>Osto</at> connect azure',
      entities: [{ type: 'mention', text: '<at>Osto</at>', mentioned: { id: '28:osto-bot', name: 'Osto' } }],
    });
    (activity.conversation as Record<string, unknown>).conversationType = conversationType;
    expect((await postActivity(h.app.url, activity)).status).toBe(200);
    const reply = await connector.waitFor(
      (c) => connector.calls.indexOf(c) >= n && c.conversationId === wc.conversationId,
    );
    expect(inputIds(cardOf(reply))).toContain('clientSecret');
  });

  it('Action.Execute: the invoke answers with the progress card at once, then the result replaces it', async () => {
    const w2 = who(randomUUID());
    const formId = await openForm(w2);
    const data = form(C.expiringSoon, 'Staging');
    const n = connector.calls.length;
    const res = await postActivity(
      h.app.url,
      teamsActivity(w2, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        replyToId: formId,
        value: { action: { type: 'Action.Execute', verb: 'connect', data } },
      }),
    );
    expect(res.status).toBe(200);
    const body = res.body as { statusCode: number; type: string; value: Record<string, unknown> };
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText({ body: { attachments: [{ content: body.value }] } })).toMatch(/Connecting Staging/);
    expect(JSON.stringify(body)).not.toContain(C.expiringSoon.clientSecret);
    const final = await connector.waitFor(
      (c) =>
        connector.calls.indexOf(c) >= n &&
        c.method === 'PUT' &&
        c.activityId === formId &&
        /is Active/.test(cardText(c)),
    );
    expect(cardText(final)).toMatch(/expires on .* in [45] days/);
    expect(final.raw).not.toContain(C.expiringSoon.clientSecret);
  });

  it('when the form cannot be replaced, the progress and the result follow in a new message', async () => {
    const w4 = who(randomUUID());
    const formId = await openForm(w4);
    const n = connector.calls.length;
    connector.fail('PUT', 400, 1); // the form's replacement by the progress card
    await postActivity(h.app.url, teamsActivity(w4, { replyToId: formId, value: form(C.good, 'Bumpy') }));
    const progress = await connector.waitFor(
      (c) => connector.calls.indexOf(c) >= n && c.method === 'POST' && /Connecting Bumpy/.test(cardText(c)),
    );
    const final = await connector.waitFor(
      (c) => connector.calls.indexOf(c) >= n && /Bumpy is Active/.test(cardText(c)),
    );
    expect(final).toMatchObject({ method: 'PUT', activityId: progress.resultId });
    expect(connector.calls.slice(n).map(cardText).join('\n')).not.toMatch(/Something went wrong/);
    expect(connector.calls.slice(n).every((c) => !c.raw.includes(C.good.clientSecret))).toBe(true);
  });

  it('a final card that cannot replace the progress card is posted as a new message', async () => {
    const w5 = who(randomUUID());
    const form5 = await openForm(w5);
    const m = connector.calls.length;
    emu.faults.add({ path: 'roleAssignments', delayMs: 300, times: 1 });
    await postActivity(h.app.url, teamsActivity(w5, { replyToId: form5, value: form(C.good, 'Lost card') }));
    await connector.waitFor((c) => connector.calls.indexOf(c) >= m && /Check the role/.test(cardText(c)));
    connector.fail('PUT', 404, 10); // the card was deleted: every update now fails
    const posted = await connector.waitFor(
      (c) =>
        connector.calls.indexOf(c) >= m && c.method === 'POST' && /Lost card is Active/.test(cardText(c)),
    );
    expect(posted.conversationId).toBe(w5.conversationId);
  });

  it('a double submit of the same card runs one verification', async () => {
    const w3 = who(randomUUID());
    const formId = await openForm(w3);
    emu.faults.add({ path: 'roleAssignments', delayMs: 600, times: 1 });
    const value = form(C.good, 'Twice');
    const tokenCalls = () =>
      emu.requests.filter((r) => r.path.includes('/subscriptions/') && r.path.includes('roleAssignments'))
        .length;
    const before = tokenCalls();
    const [a, b] = await Promise.all([
      postActivity(h.app.url, teamsActivity(w3, { replyToId: formId, value })),
      postActivity(h.app.url, teamsActivity(w3, { replyToId: formId, value })),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await connector.waitFor(
      (c) => c.method === 'PUT' && c.activityId === formId && /is Active/.test(cardText(c)),
    );
    expect(tokenCalls() - before).toBe(1);
    expect((await h.app.store.connections.list(teamsWorkspaceId(w3.tenantId))).map((c) => c.name)).toEqual([
      'Twice',
    ]);
  });

  it('restarting the server keeps connections and conversation references', async () => {
    await h.app.close();
    h = await startApp(emu, { dir: h.dir });
    const kept = await h.app.store.connections.list(teamsWorkspaceId(w.tenantId));
    expect(kept.map((c) => [c.name, c.status, c.inventory?.total])).toEqual([['Production', 'active', 137]]);
    expect(await h.app.store.connections.readSecret(teamsWorkspaceId(w.tenantId), kept[0]?.id ?? '')).toBe(
      C.good.clientSecret,
    );
    const ref = await h.app.store.conversations.get(teamsWorkspaceId(w.tenantId), w.conversationId);
    expect(ref?.reference).toMatchObject({
      serviceUrl: connector.url,
      conversation: { id: w.conversationId },
    });
    const n = connector.calls.length;
    await postActivity(h.app.url, teamsActivity(w, { text: 'status Production' }));
    const status = await connector.waitFor((c) => connector.calls.indexOf(c) >= n);
    expect(cardText(status)).toContain('137');
  });
});

describe('Teams: each Azure failure shows its stage and remedy, and stores nothing', () => {
  it.each(AZURE_FAILURE_CASES)(
    '$code',
    async ({ code, cred, stage, remedy, fault }) => {
      const w = who(
        SAMPLE.tenants.fabrikam.id === cred.tenantId ? SAMPLE.tenants.fabrikam.id : `tenant-${randomUUID()}`,
      );
      fault?.(emu);
      const formId = await openForm(w);
      const { final } = await submit(w, formId, form(cred, `Try ${code}`));
      const text = cardText(final);
      expect(text).toMatch(/Could not connect/);
      expect(text).toMatch(stage);
      expect(text).toMatch(remedy);
      expect(text).toMatch(/Try again/);
      expect(final.raw).not.toContain(cred.clientSecret);
      expect(await h.app.store.connections.list(teamsWorkspaceId(w.tenantId))).toEqual([]);
      expect(h.dbBytes().includes(Buffer.from(cred.clientSecret))).toBe(false);
    },
    30_000,
  );

  it('no secret was ever stored by a failed attempt: one secret per stored connection', () => {
    const { secrets, connections } = countRows();
    expect(connections).toBeGreaterThan(0);
    expect(secrets).toBe(connections);
  });
});
