import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connectModal } from '../../src/channels/slack/blocks/connect-modal';
import { createSlackChannel } from '../../src/channels/slack/channel';
import { writeTarget } from '../../src/channels/slack/payload';
import { CONNECT_JOB, connectJob } from '../../src/core/connect/job';
import { ConversationMemo } from '../../src/core/conversation-memo';
import { ChannelNotifiers } from '../../src/core/notifiers';
import { TaskTracker } from '../../src/core/task-tracker';
import { coreWorld } from '../support/core-harness';
import { FakeSlack, slackText } from '../support/fake-slack';
import { type OpenedView, postSigned, SIGNING_SECRET, viewSubmissionBody } from './slack-requests';

const SECRET = 'Crash~s3cr3t-Value_0123456789abcdefghij';

describe('Slack: a verification that crashes ends on a failure message, never silence', () => {
  let fake: FakeSlack;
  let server: Server;
  let url: string;
  const world = coreWorld();

  beforeAll(async () => {
    fake = await new FakeSlack().start();
    world.azure.outcome = () => {
      throw new Error('the engine blew up');
    };
    const clock = { now: () => new Date() };
    const channel = createSlackChannel(
      { signingSecret: SIGNING_SECRET, botToken: 'xoxb-test', apiUrl: fake.apiUrl },
      {
        clock,
        log: world.log,
        tasks: new TaskTracker(() => {}),
        conversations: new ConversationMemo(world.store.workspaces, world.store.conversations),
      },
    );
    const core = { ...world.core, clock, notifier: new ChannelNotifiers({ slack: channel.notifier }) };
    world.jobs.register(CONNECT_JOB, connectJob(core));
    await world.jobs.start();
    const route = channel.route(core);
    server = createServer((req, res) => void route(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await world.jobs.stop(5_000);
    await new Promise((r) => server.close(r));
    await fake.close();
  });

  it('posts "Could not connect" with "Try again" (no secret) and logs the crash', async () => {
    const person = { teamId: 'T1', userId: 'U1', channelId: 'C1', responseUrl: fake.responseUrl() };
    const modal = connectModal({ values: {}, errors: [] }, writeTarget(person));
    const view = { ...modal, id: 'V1', callback_id: 'osto_connect' } as unknown as OpenedView;
    const ack = await postSigned(
      url,
      viewSubmissionBody(person, view, {
        name: 'Boom',
        subscriptionId: '9531985d-5d9d-49f8-9818-e811892f902b',
        clientId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
        tenantId: 'contoso.onmicrosoft.com',
        clientSecret: SECRET,
      }),
    );
    expect(ack.json?.response_action).toBe('update');
    const final = await fake.waitFor(
      (c) => c.method === 'chat.update' && /Could not connect/.test(slackText(c)),
    );
    expect(slackText(final)).toMatch(/Something went wrong on our side; nothing was stored/);
    expect(slackText(final)).toMatch(/Error code: internal/);
    expect(slackText(final)).toContain('"name":"Boom"');
    for (const c of fake.calls) expect(c.raw).not.toContain(SECRET);
    expect(await world.store.connections.list('slack:T1')).toEqual([]);
    expect(world.store.secrets()).toEqual([]);
    expect(world.log.calls.some((c) => c.level === 'error' && c.msg === 'connect crashed')).toBe(true);
    expect(JSON.stringify(world.log.calls)).not.toContain(SECRET);
    expect((await world.store.audit.list('slack:T1')).map((a) => a.detail)).toEqual(['sync: internal']);
  });
});
