/**
 * Secret expiry in Slack, end to end (OSTO_EXPIRY_CHECK_INTERVAL=2s): one alert in the channel
 * within seconds and no other, also after a restart; the Snooze button holds reminders back
 * until it ends (the app's clock moved a day), then one; Update secret opens the rotate modal,
 * and a wrong new secret is refused with the reason while the old one keeps working.
 */
import { SAMPLE, sampleWorld } from '../../src/emulator';
import { OffsetClock, startApp } from '../support/app-harness';
import { startTestEmulator } from '../support/emulator';
import { FakeSlack, type SlackCall, slackText } from '../support/fake-slack';
import { modalInput, openModal, type SlackWorld, submit, who } from './slack-e2e';
import { blockActionBody, openedView, postSigned, slackEnv, viewSubmissionBody } from './slack-requests';

const C = SAMPLE.credentials;
const DAY = 86_400_000;
const clock = new OffsetClock();
const world = {} as SlackWorld;
const env = (apiUrl: string) => ({ ...slackEnv(apiUrl), OSTO_EXPIRY_CHECK_INTERVAL: '2s' });

beforeAll(async () => {
  const emu = await startTestEmulator({ world: sampleWorld(), throttle: false });
  const fake = await new FakeSlack().start();
  const h = await startApp(emu, { env: env(fake.apiUrl), clock });
  Object.assign(world, { emu, fake, h, close: async () => {} });
});
afterAll(async () => {
  await world.h.app.close();
  await world.fake.close();
  await world.emu.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const posts = (channel: string, pattern: RegExp) =>
  world.fake.calls.filter(
    (c) => c.method === 'chat.postMessage' && c.body.channel === channel && pattern.test(slackText(c)),
  );

/** A button of a posted message, by its label. */
function button(msg: SlackCall, label: string): { action_id: string; value: string } {
  const blocks = (msg.body.blocks ?? []) as { type: string; elements?: Record<string, unknown>[] }[];
  const b = blocks
    .filter((x) => x.type === 'actions')
    .flatMap((x) => x.elements ?? [])
    .find((e) => (e.text as { text?: string } | undefined)?.text === label);
  if (!b) throw new Error(`no button "${label}"`);
  return { action_id: String(b.action_id), value: String(b.value) };
}

it('one alert within seconds, none after a restart; Snooze holds it back until it ends; Update secret refuses a wrong secret', async () => {
  const person = who(world.fake);
  const { view } = await openModal(world, person);
  const { final } = await submit(world, person, view, modalInput(C.expiringSoon, 'Staging'));
  expect(slackText(final)).toMatch(/Staging is Active/);

  const alert = await world.fake.waitFor(
    (c) =>
      c.method === 'chat.postMessage' &&
      c.body.channel === person.channelId &&
      /client secret of Staging expires in 5 days/.test(slackText(c)),
    10_000,
  );
  await sleep(4_500);
  expect(posts(person.channelId, /client secret of Staging/)).toHaveLength(1);

  // A restart: the ledger is in the database.
  await world.h.app.close();
  world.h = await startApp(world.emu, { env: env(world.fake.apiUrl), dir: world.h.dir, clock });
  await sleep(4_500);
  expect(posts(person.channelId, /client secret of Staging/)).toHaveLength(1);

  // Snooze 1 day: the click is answered, nothing comes until the day has passed, then one reminder.
  const asked = await postSigned(world.h.app.url, blockActionBody(person, button(alert, 'Snooze…')));
  expect(asked.status).toBe(200);
  const ask = await world.fake.waitFor(
    (c) => c.method === 'response_url' && /Snooze reminders of Staging for how long/.test(slackText(c)),
  );
  const snoozed = await postSigned(world.h.app.url, blockActionBody(person, button(ask, '1 day')));
  expect(snoozed.status).toBe(200);
  await world.fake.waitFor(
    (c) => c.method === 'response_url' && /Reminders for Staging snoozed/.test(slackText(c)),
  );
  await sleep(4_500);
  expect(posts(person.channelId, /Reminder: /)).toHaveLength(0);
  clock.offsetMs += DAY + 60_000;
  await world.fake.waitFor(
    (c) =>
      c.method === 'chat.postMessage' &&
      c.body.channel === person.channelId &&
      /Reminder: the client secret of Staging expires in 4 days/.test(slackText(c)),
    10_000,
  );

  // Back to real time: Slack's signatures carry the real time, and the app checks it.
  clock.offsetMs = 0;
  // Update secret opens the rotate modal; a wrong secret is refused, the old one stays.
  const from = world.fake.calls.length;
  const click = await postSigned(world.h.app.url, blockActionBody(person, button(alert, 'Update secret')));
  expect(click.status).toBe(200);
  const opened = await world.fake.waitFor(
    (c) => world.fake.calls.indexOf(c) >= from && c.method === 'views.open',
  );
  const modal = openedView(opened);
  expect(modal.callback_id).toBe('osto_rotate');
  expect(slackText(opened)).toContain('Staging');
  const ack = await postSigned(
    world.h.app.url,
    viewSubmissionBody(person, modal, { clientSecret: C.wrongSecret.clientSecret }),
  );
  expect(ack.status).toBe(200);
  const refused = await world.fake.waitFor(
    (c) =>
      world.fake.calls.indexOf(c) >= from && /The new secret of Staging was not accepted/.test(slackText(c)),
  );
  expect(slackText(refused)).toContain('Staging keeps using its current secret.');
  expect(world.fake.calls.slice(from).some((c) => c.raw.includes(C.wrongSecret.clientSecret))).toBe(false);
}, 90_000);
