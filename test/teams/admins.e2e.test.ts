import { randomUUID } from 'node:crypto';
import { teamsWorkspaceId } from '../../src/channels/teams/activity';
import { type Emulator, SAMPLE, sampleWorld } from '../../src/emulator';
import { type Harness, startApp } from '../support/app-harness';
import { startTestEmulator } from '../support/emulator';
import { cardText, FakeConnector } from '../support/fake-connector';
import { postActivity, teamsActivity } from '../support/teams-activity';

describe('who may connect (OSTO_ADMINS) and the audit log', () => {
  let emu: Emulator;
  let connector: FakeConnector;
  let h: Harness;
  const admin = randomUUID();
  beforeAll(async () => {
    emu = await startTestEmulator({ world: sampleWorld(), throttle: false });
    connector = await new FakeConnector().start();
    h = await startApp(emu, { env: { OSTO_ADMINS: `someone-else,${admin},Grace.Hopper@Contoso.com` } });
  });
  afterAll(async () => {
    await h.app.close();
    await connector.close();
    await emu.close();
  });

  const c = SAMPLE.credentials;
  const value = (cred: typeof c.good, name: string) => ({ action: 'connect', name, ...cred });

  it('refuses a user not in OSTO_ADMINS, stores nothing, and audits the refusal', async () => {
    const tenantId = randomUUID();
    const w = {
      tenantId,
      conversationId: `a:${randomUUID()}`,
      userId: randomUUID(),
      serviceUrl: connector.url,
    };
    const n = connector.calls.length;
    await postActivity(h.app.url, teamsActivity(w, { replyToId: 'form-1', value: value(c.good, 'Nope') }));
    const reply = await connector.waitFor((x) => connector.calls.indexOf(x) >= n);
    expect(cardText(reply)).toMatch(/Only the admins listed in OSTO_ADMINS/);
    expect(await h.app.store.connections.list(teamsWorkspaceId(tenantId))).toEqual([]);
    const audit = await h.app.store.audit.list(teamsWorkspaceId(tenantId));
    expect(audit).toEqual([
      expect.objectContaining({
        actor: w.userId,
        action: 'connect_failed',
        outcome: 'error',
        detail: expect.stringMatching(/forbidden/),
      }),
    ]);
  });

  it('lets an admin connect; the audit log says who, what and when for failures and success, never the secret', async () => {
    const tenantId = randomUUID();
    const w = { tenantId, conversationId: `a:${randomUUID()}`, userId: admin, serviceUrl: connector.url };
    for (const [cred, name, done] of [
      [c.wrongSecret, 'Prod', /Could not connect/],
      [c.good, 'Prod', /is Active/],
    ] as const) {
      const card = `card-${randomUUID()}`;
      await postActivity(h.app.url, teamsActivity(w, { replyToId: card, value: value(cred, name) }));
      await connector.waitFor((x) => x.activityId === card && done.test(cardText(x)));
    }
    const audit = await h.app.store.audit.list(teamsWorkspaceId(tenantId));
    expect(audit.map((a) => [a.actor, a.action, a.target, a.outcome])).toEqual([
      [admin, 'connect', 'Prod', 'ok'],
      [admin, 'connect_failed', 'Prod', 'error'],
    ]);
    expect(audit[1]?.detail).toBe('signin: secret_invalid');
    expect(audit.every((a) => !Number.isNaN(Date.parse(a.at)))).toBe(true);
    const text = JSON.stringify(audit);
    expect(text).not.toContain(c.good.clientSecret);
    expect(text).not.toContain(c.wrongSecret.clientSecret);
  });

  it('an admin listed by UPN is recognised through the Teams roster (any case); others are not', async () => {
    const tenantId = randomUUID();
    const grace = randomUUID();
    connector.members.set(`29:${grace}`, {
      id: `29:${grace}`,
      userPrincipalName: 'grace.hopper@contoso.com',
    });
    const ask = async (userId: string) => {
      const w = { tenantId, conversationId: `a:${randomUUID()}`, userId, serviceUrl: connector.url };
      const n = connector.calls.length;
      await postActivity(h.app.url, teamsActivity(w, { text: '/osto connect azure' }));
      return cardText(await connector.waitFor((x) => connector.calls.indexOf(x) >= n && x.method === 'POST'));
    };
    expect(await ask(grace)).toContain('Connect an Azure subscription');
    expect(await ask(randomUUID())).toMatch(/Only the admins listed in OSTO_ADMINS/);
  });
});
