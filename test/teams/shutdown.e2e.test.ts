import { randomUUID } from 'node:crypto';
import { type Emulator, SAMPLE, sampleWorld } from '../../src/emulator';
import { type Harness, startApp } from '../support/app-harness';
import { startTestEmulator } from '../support/emulator';
import { cardText, FakeConnector } from '../support/fake-connector';
import { postActivity, teamsActivity } from '../support/teams-activity';

describe('graceful shutdown', () => {
  let emu: Emulator;
  let connector: FakeConnector;
  let h: Harness;
  beforeAll(async () => {
    emu = await startTestEmulator({ world: sampleWorld(), throttle: false });
    connector = await new FakeConnector().start();
    h = await startApp(emu);
  });
  afterAll(async () => {
    await connector.close();
    await emu.close();
  });

  it('finishes a verification in flight, then closes the store and stops answering', async () => {
    const c = SAMPLE.credentials.good;
    const w = {
      tenantId: randomUUID(),
      conversationId: `a:${randomUUID()}`,
      userId: randomUUID(),
      serviceUrl: connector.url,
    };
    emu.faults.add({ path: 'roleAssignments', delayMs: 1_000 });
    const value = { action: 'connect', name: 'Late', ...c };
    const res = await postActivity(h.app.url, teamsActivity(w, { replyToId: 'card-1', value }));
    expect(res.status).toBe(200);
    await h.app.close();
    const done = connector.calls.find((x) => x.activityId === 'card-1' && /is Active/.test(cardText(x)));
    expect(done).toBeDefined();
    await expect(fetch(`${h.app.url}/healthz`)).rejects.toThrow();
    expect(await h.app.store.ping()).toBe(false);
  });
});
