import { SAMPLE } from '../../src/emulator';
import { slackText } from '../support/fake-slack';
import { modalInput, openModal, type SlackWorld, startSlackWorld, who } from './slack-e2e';
import { postSigned, viewSubmissionBody } from './slack-requests';

describe('Slack: graceful shutdown', () => {
  let w: SlackWorld;
  beforeAll(async () => {
    w = await startSlackWorld();
  });
  afterAll(async () => {
    await w.fake.close();
    await w.emu.close();
  });

  it('finishes a verification in flight (acked, not yet done), posts its result, then closes', async () => {
    const person = who(w.fake);
    const { view } = await openModal(w, person);
    w.emu.faults.add({ path: 'roleAssignments', delayMs: 1_000 });
    const ack = await postSigned(
      w.h.app.url,
      viewSubmissionBody(person, view, modalInput(SAMPLE.credentials.good, 'Late')),
    );
    expect(ack.json?.response_action).toBe('update');
    await w.h.app.close();
    const done = w.fake.calls.find(
      (c) =>
        c.method === 'chat.update' &&
        c.body.channel === person.channelId &&
        /Late is Active/.test(slackText(c)),
    );
    expect(done).toBeDefined();
    expect(await w.h.app.store.ping()).toBe(false);
    await expect(fetch(`${w.h.app.url}/slack/events`, { method: 'POST' })).rejects.toThrow();
  });
});
