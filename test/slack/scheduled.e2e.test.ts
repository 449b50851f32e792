/**
 * Scheduled notifications in Slack, in real time (OSTO_SYNC_INTERVAL=5s): a change is posted to
 * the channel the connection was made from, with working buttons; a channel the bot was removed
 * from (`not_in_channel`) is recorded and shown by `/osto status`.
 */
import type { EmulatedResource } from '../../src/emulator';
import { SAMPLE, sampleWorld } from '../../src/emulator';
import { startApp } from '../support/app-harness';
import { startTestEmulator } from '../support/emulator';
import { FakeSlack, slackText } from '../support/fake-slack';
import { modalInput, openModal, type SlackWorld, submit, who } from './slack-e2e';
import { slackEnv, slashCommand } from './slack-requests';

const C = SAMPLE.credentials.good;
const world = {} as SlackWorld;

beforeAll(async () => {
  const emu = await startTestEmulator({ world: sampleWorld(), throttle: false });
  const fake = await new FakeSlack().start();
  const h = await startApp(emu, { env: { ...slackEnv(fake.apiUrl), OSTO_SYNC_INTERVAL: '5s' } });
  Object.assign(world, {
    emu,
    fake,
    h,
    close: async () => {
      await h.app.close();
      await fake.close();
      await emu.close();
    },
  });
});
afterAll(() => world.close());

function insecureAccount(name: string): EmulatedResource {
  const prod = world.emu.world.subscriptions.find((s) => s.subscriptionId === C.subscriptionId);
  const template = prod?.resources.find((r) => r.id === SAMPLE.planted.storagePublicBlobs.id);
  if (!template) throw new Error('no planted storage account');
  return { ...structuredClone(template), id: template.id.replace(/stpublicblobs$/, name), name };
}

it('posts a change to the channel; a channel the bot left is recorded and shown in status', async () => {
  const person = who(world.fake);
  const { view } = await openModal(world, person);
  const { final } = await submit(world, person, view, modalInput(C, 'Production'));
  expect(slackText(final)).toMatch(/Production is Active/);
  const prod = world.emu.world.subscriptions.find((s) => s.subscriptionId === C.subscriptionId);

  const from = world.fake.calls.length;
  prod?.resources.push(insecureAccount('stslackpublic'));
  const posted = await world.fake.waitFor(
    (c) =>
      world.fake.calls.indexOf(c) >= from &&
      c.method === 'chat.postMessage' &&
      c.body.channel === person.channelId &&
      slackText(c).includes('stslackpublic'),
    15_000,
  );
  expect(slackText(posted)).toMatch(/Production: \d+ new findings?/);
  expect(slackText(posted)).toContain('View findings');
  expect(slackText(posted)).toContain('Sync now');

  world.fake.failChannel(person.channelId);
  const refusedFrom = world.fake.calls.length;
  prod?.resources.push(insecureAccount('stslackagain'));
  await world.fake.waitFor(
    (c) =>
      world.fake.calls.indexOf(c) >= refusedFrom &&
      c.method === 'chat.postMessage' &&
      slackText(c).includes('stslackagain'),
    15_000,
  );
  // The refusal is recorded just after the failed call.
  let status = '';
  for (let i = 0; i < 20 && !status.includes('failing since'); i++) {
    await new Promise((r) => setTimeout(r, 100));
    const ack = await slashCommand(world.h.app.url, person, 'status Production');
    status = slackText({ body: ack.json ?? {} });
  }
  expect(status).toContain('failing since');
  expect(status).toContain('Osto may not post in the conversation: add (invite) Osto to it');
}, 60_000);
