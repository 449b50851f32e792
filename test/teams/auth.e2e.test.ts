import { randomUUID } from 'node:crypto';
import { teamsWorkspaceId } from '../../src/channels/teams/activity';
import { type Emulator, sampleWorld } from '../../src/emulator';
import { type Harness, startApp } from '../support/app-harness';
import { startTestEmulator } from '../support/emulator';
import { FakeConnector } from '../support/fake-connector';
import { postActivity, teamsActivity } from '../support/teams-activity';

describe('Teams with MicrosoftAppId: requests must carry a Bot Framework token', () => {
  let emu: Emulator;
  let connector: FakeConnector;
  let h: Harness;
  beforeAll(async () => {
    emu = await startTestEmulator({ world: sampleWorld() });
    connector = await new FakeConnector().start();
    h = await startApp(emu, {
      env: {
        MicrosoftAppId: '2f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b',
        MicrosoftAppPassword: 'not-used-offline',
      },
    });
  });
  afterAll(async () => {
    await h.app.close();
    await connector.close();
    await emu.close();
  });

  it.each([
    ['no Authorization header', {}],
    ['a forged token', { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0.' }],
  ])('%s → 401, and no handler runs', async (_name, headers) => {
    const tenantId = randomUUID();
    const conversationId = `a:${randomUUID()}`;
    const activity = teamsActivity(
      { tenantId, conversationId, userId: randomUUID(), serviceUrl: connector.url },
      { text: '/osto connect azure' },
    );
    const res = await postActivity(h.app.url, activity, headers);
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(connector.calls).toEqual([]);
    expect(await h.app.store.conversations.get(teamsWorkspaceId(tenantId), conversationId)).toBeUndefined();
  });

  it('still answers health checks', async () => {
    expect((await fetch(`${h.app.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${h.app.url}/readyz`)).status).toBe(200);
  });
});
