/**
 * The Slack end-to-end setup shared by the test files: the real app (restify + Bolt + SQLite +
 * Azure SDKs) with the Azure emulator and the fake Slack Web API, and the steps of the flow.
 */
import { randomBytes } from 'node:crypto';
import { type Emulator, sampleWorld } from '../../src/emulator';
import { type Harness, startApp } from '../support/app-harness';
import { startTestEmulator } from '../support/emulator';
import { FakeSlack, type SlackCall, slackText } from '../support/fake-slack';
import {
  type ModalInput,
  type OpenedView,
  openedView,
  postSigned,
  type SlackResponse,
  type SlackWho,
  slackEnv,
  slashCommand,
  viewSubmissionBody,
} from './slack-requests';

export interface SlackWorld {
  emu: Emulator;
  fake: FakeSlack;
  h: Harness;
  close(): Promise<void>;
}

export async function startSlackWorld(): Promise<SlackWorld> {
  const emu = await startTestEmulator({ world: sampleWorld(), throttle: false });
  const fake = await new FakeSlack().start();
  const h = await startApp(emu, { env: slackEnv(fake.apiUrl) });
  return {
    emu,
    fake,
    h,
    close: async () => {
      await h.app.close();
      await fake.close();
      await emu.close();
    },
  };
}

/**
 * The Slack world of a test file: started before its tests, closed after them, with the
 * emulator's faults and the fake's failures cleared before each test. Its fields are filled in
 * by the time the first test runs.
 */
export function useSlackWorld(): SlackWorld {
  const world = {} as SlackWorld;
  beforeAll(async () => {
    Object.assign(world, await startSlackWorld());
  });
  afterAll(() => world.close());
  beforeEach(() => {
    world.emu.faults.clear();
    world.fake.clearFailures();
  });
  return world;
}

const id = (prefix: string) => `${prefix}${randomBytes(5).toString('hex').toUpperCase()}`;

/** A person in a fresh channel of a team (a new team unless given). */
export function who(fake: FakeSlack, teamId = id('T')): SlackWho {
  return { teamId, userId: id('U'), channelId: id('C'), responseUrl: fake.responseUrl() };
}

/** `/osto connect azure` → the modal Slack opened. */
export async function openModal(
  w: SlackWorld,
  person: SlackWho,
): Promise<{ view: OpenedView; ack: SlackResponse }> {
  const n = w.fake.calls.length;
  const ack = await slashCommand(w.h.app.url, person, 'connect azure');
  if (ack.status !== 200) throw new Error(`slash command answered ${ack.status}`);
  const call = await w.fake.waitFor((c) => w.fake.calls.indexOf(c) >= n && c.method === 'views.open');
  return { view: openedView(call), ack };
}

export function modalInput(
  cred: { tenantId: string; subscriptionId: string; clientId: string; clientSecret: string },
  name: string,
  extra: ModalInput = {},
): ModalInput {
  return {
    name,
    description: 'e2e',
    subscriptionId: cred.subscriptionId,
    clientId: cred.clientId,
    clientSecret: cred.clientSecret,
    tenantId: cred.tenantId,
    ...extra,
  };
}

export const FINAL = /is Active|Could not connect/;

/** Submits the modal; resolves with the ack and, once it is posted, the final message. */
export async function submit(
  w: SlackWorld,
  person: SlackWho,
  view: OpenedView,
  input: ModalInput,
): Promise<{ ack: SlackResponse; final: SlackCall; calls: SlackCall[]; from: number }> {
  const from = w.fake.calls.length;
  const ack = await postSigned(w.h.app.url, viewSubmissionBody(person, view, input));
  if (ack.status !== 200) throw new Error(`view_submission answered ${ack.status}`);
  const final = await w.fake.waitFor(
    (c) => w.fake.calls.indexOf(c) >= from && c.method === 'chat.update' && FINAL.test(slackText(c)),
  );
  return { ack, final, calls: w.fake.since(from), from };
}

/** Every place a secret could leak to: each recorded call (raw and parsed) and the ack body. */
export function leaks(secret: string, calls: SlackCall[], extra: string[] = []): string[] {
  const forms = [secret, encodeURIComponent(secret)];
  const texts = [...calls.flatMap((c) => [c.raw, JSON.stringify(c.body)]), ...extra];
  return texts.filter((t) => forms.some((f) => t.includes(f)));
}
