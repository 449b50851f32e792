/**
 * Scheduled syncs in real time (the one test that waits on the clock): the real app with
 * OSTO_SYNC_INTERVAL=5s, the Azure emulator, the fake Bot Connector. No change → no message; an
 * insecure storage account → one message naming it, and silence after; a restart keeps it so; a
 * conversation answering 403 is recorded while another gets its message; a revoked secret →
 * one Error message; restored → one recovery message.
 */
import { randomUUID } from 'node:crypto';
import type { AppSecret, EmulatedResource, Emulator } from '../../src/emulator';
import { SAMPLE, sampleWorld } from '../../src/emulator';
import { type Harness, startApp } from '../support/app-harness';
import { startTestEmulator } from '../support/emulator';
import { cardText, FakeConnector } from '../support/fake-connector';
import { postActivity, teamsActivity, type Who } from '../support/teams-activity';
import { formValue, openForm, submitForm } from '../support/teams-flow';

const C = SAMPLE.credentials.good;
const ENV = { OSTO_SYNC_INTERVAL: '5s' };
const ROUND_MS = 5_600;

let emu: Emulator;
let connector: FakeConnector;
let h: Harness;

beforeAll(async () => {
  emu = await startTestEmulator({ world: sampleWorld(), throttle: false });
  connector = await new FakeConnector().start();
  h = await startApp(emu, { env: ENV });
});
afterAll(async () => {
  await h.app.close();
  await connector.close();
  await emu.close();
});

const who = (): Who => ({
  tenantId: SAMPLE.tenants.contoso.id,
  conversationId: `a:conv-${randomUUID()}`,
  userId: randomUUID(),
  serviceUrl: connector.url,
});

/** Scheduled (and connect) syncs so far: each reads the inventory's single page once. */
const inventoryReads = () =>
  emu.requests.filter(
    (r) => r.service === 'arm' && r.path.includes(`/subscriptions/${C.subscriptionId}/resources?`),
  ).length;

const waitUntil = async (check: () => boolean, ms: number, what: string) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

/** Answers to commands the test typed (not notifications). */
const answers = new Set<string>();

/** Notifications posted to a conversation since `from`. */
const postsTo = (w: Who, from: number) =>
  connector.calls.filter(
    (c) =>
      c.at >= from &&
      c.method === 'POST' &&
      c.conversationId === w.conversationId &&
      !answers.has(c.resultId),
  );

async function connect(w: Who, name: string): Promise<void> {
  const formId = await openForm(h.app.url, connector, w);
  const { final } = await submitForm(h.app.url, connector, w, formId, formValue(C, name));
  expect(cardText(final)).toMatch(new RegExp(`${name} is Active`));
}

function insecureAccount(name: string): EmulatedResource {
  const prod = emu.world.subscriptions.find((s) => s.subscriptionId === C.subscriptionId);
  const template = prod?.resources.find((r) => r.id === SAMPLE.planted.storagePublicBlobs.id);
  if (!template) throw new Error('no planted storage account');
  return { ...structuredClone(template), id: template.id.replace(/stpublicblobs$/, name), name };
}

it('posts only what changed, once; survives a restart; records a refusing conversation; tells broken and recovered once', async () => {
  const team = who();
  const refusing = who();
  await connect(team, 'Production');
  await connect(refusing, 'Shadow');
  const start = Date.now();

  // Two scheduled rounds with no change: nothing posted anywhere.
  const reads0 = inventoryReads();
  await waitUntil(() => inventoryReads() >= reads0 + 4, 3 * ROUND_MS, 'two scheduled rounds');
  expect(postsTo(team, start)).toEqual([]);
  expect(postsTo(refusing, start)).toEqual([]);

  // An insecure storage account appears; the refusing conversation answers 403 to every post.
  connector.fail('POST', 403, 1_000, refusing.conversationId);
  const prod = emu.world.subscriptions.find((s) => s.subscriptionId === C.subscriptionId);
  prod?.resources.push(insecureAccount('stnewpublic'));
  await waitUntil(() => postsTo(team, start).length >= 1, 2 * ROUND_MS, 'the change message');
  const [message] = postsTo(team, start);
  expect(cardText(message as NonNullable<typeof message>)).toContain('stnewpublic');
  expect(cardText(message as NonNullable<typeof message>)).toMatch(/Production: \d+ new findings?/);

  // The refusing conversation is recorded as failing and shown in status.
  await waitUntil(() => postsTo(refusing, start).length >= 1, 2 * ROUND_MS, 'the refused post');
  const n = connector.calls.length;
  await postActivity(h.app.url, teamsActivity(team, { text: '/osto status Shadow' }));
  const status = await connector.waitFor(
    (c) => connector.calls.indexOf(c) >= n && c.conversationId === team.conversationId,
  );
  answers.add(status.resultId);
  expect(cardText(status)).toMatch(/failing since .*: the bot was removed from the conversation/);

  // A restart: the schedule goes on, nothing is announced again.
  await h.app.close();
  h = await startApp(emu, { env: ENV, dir: h.dir });
  const afterRestart = Date.now();
  const reads1 = inventoryReads();
  await waitUntil(() => inventoryReads() >= reads1 + 4, 4 * ROUND_MS, 'two rounds after the restart');
  expect(postsTo(team, afterRestart)).toEqual([]);
  expect(postsTo(team, start)).toHaveLength(1);

  // The secret is revoked at Entra ID: one Error message, then silence.
  const app = emu.world.apps.find((a) => a.appId === C.clientId);
  if (!app) throw new Error('no app');
  const secrets: AppSecret[] = app.secrets;
  app.secrets = [];
  const revokedAt = Date.now();
  await waitUntil(() => postsTo(team, revokedAt).length >= 1, 2 * ROUND_MS, 'the Error message');
  expect(cardText(postsTo(team, revokedAt)[0] as NonNullable<ReturnType<typeof postsTo>[0]>)).toContain(
    'Production is in Error',
  );
  const aad = () => emu.requests.filter((r) => r.service === 'aad' && r.path.includes('/token')).length;
  const tokens = aad();
  await waitUntil(() => aad() >= tokens + 4, 3 * ROUND_MS, 'more failing rounds');
  expect(postsTo(team, revokedAt)).toHaveLength(1);

  // Restored: one recovery message.
  app.secrets = secrets;
  const restoredAt = Date.now();
  await waitUntil(() => postsTo(team, restoredAt).length >= 1, 2 * ROUND_MS, 'the recovery message');
  expect(cardText(postsTo(team, restoredAt)[0] as NonNullable<ReturnType<typeof postsTo>[0]>)).toContain(
    'Production is Active again',
  );
  const reads2 = inventoryReads();
  await waitUntil(() => inventoryReads() >= reads2 + 2, 2 * ROUND_MS, 'one more round');
  expect(postsTo(team, restoredAt)).toHaveLength(1);
}, 120_000);
