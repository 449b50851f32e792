import { SAMPLE } from '../../src/emulator';
import { type SlackCall, slackText } from '../support/fake-slack';
import { FINAL, leaks, modalInput, openModal, useSlackWorld, who } from './slack-e2e';
import { postSigned, type SlackWho, slashCommand, viewSubmissionBody } from './slack-requests';

const C = SAMPLE.credentials;

const w = useSlackWorld();

function responseUrlCalls(calls: SlackCall[], url: string): SlackCall[] {
  return calls.filter((c) => c.method === 'response_url' && url.endsWith(c.path));
}

// First in this file: the app has not called auth.test yet.
describe('Slack: the bot token is checked at the first request, not at boot', () => {
  it('a refused token is reported to the person and tried again at the next request', async () => {
    const person = who(w.fake);
    w.fake.fail('auth.test', 'invalid_auth', () => true, 1);
    const from = w.fake.calls.length;
    const first = await slashCommand(w.h.app.url, person, 'status');
    expect(first.status).toBe(200);
    const told = await w.fake.waitFor(
      (c) =>
        w.fake.calls.indexOf(c) >= from && c.method === 'response_url' && person.responseUrl.endsWith(c.path),
    );
    expect(slackText(told)).toMatch(/Slack did not accept the bot's token/);
    expect(w.h.logs.some((l) => l.includes('slack request failed') && l.includes('invalid_auth'))).toBe(true);

    const answer = await slashCommand(w.h.app.url, person, 'status');
    expect(slackText({ body: answer.json ?? {} })).toMatch(/No Azure subscription is connected yet/);
    expect(w.fake.since(from).filter((c) => c.method === 'auth.test')).toHaveLength(2);
    expect(w.fake.calls.filter((c) => c.method === 'auth.test').every((c) => c.token === 'xoxb-test')).toBe(
      true,
    );
  });
});

describe('Slack: when the bot may not post in the channel, the person still hears everything', () => {
  it.each(['not_in_channel', 'channel_not_found'])(
    '%s → response_url at the start and the end, progress and result in a DM',
    async (error) => {
      const person = who(w.fake);
      w.fake.failChannel(person.channelId, error);
      const { view } = await openModal(w, person);
      const from = w.fake.calls.length;
      const ack = await postSigned(
        w.h.app.url,
        viewSubmissionBody(person, view, modalInput(C.good, 'Private')),
      );
      expect(ack.json?.response_action).toBe('update');
      const dm = `D${person.userId}`;
      const final = await w.fake.waitFor(
        (c) =>
          w.fake.calls.indexOf(c) >= from &&
          c.method === 'chat.update' &&
          c.body.channel === dm &&
          FINAL.test(slackText(c)),
      );
      expect(slackText(final)).toMatch(/Private is Active/);
      await w.h.app.jobs.idle(5_000);
      const calls = w.fake.since(from);

      const refused = calls.filter(
        (c) => c.method === 'chat.postMessage' && c.body.channel === person.channelId,
      );
      expect(refused).toHaveLength(1);
      expect(calls.find((c) => c.method === 'conversations.open')?.body.users).toBe(person.userId);
      expect(calls.filter((c) => c.method === 'chat.postMessage' && c.body.channel === dm)).toHaveLength(1);

      const viaUrl = responseUrlCalls(calls, person.responseUrl);
      expect(viaUrl).toHaveLength(2);
      expect(viaUrl.every((c) => c.body.response_type === 'ephemeral')).toBe(true);
      expect(slackText(viaUrl[0] as SlackCall)).toMatch(/I can't post in/);
      expect(slackText(viaUrl[0] as SlackCall)).toMatch(/Connecting Private/);
      expect(slackText(viaUrl[1] as SlackCall)).toMatch(/Private is Active/);
      expect(slackText(viaUrl[1] as SlackCall)).toContain('137');

      expect(leaks(C.good.clientSecret, calls, [ack.text])).toEqual([]);
    },
  );

  it('when the DM cannot be opened either, response_url brings the result', async () => {
    const person = who(w.fake);
    w.fake.failChannel(person.channelId);
    w.fake.fail('conversations.open', 'missing_scope');
    const { view } = await openModal(w, person);
    const from = w.fake.calls.length;
    await postSigned(w.h.app.url, viewSubmissionBody(person, view, modalInput(C.noReader, 'Nowhere')));
    const last = await w.fake.waitFor(
      (c) =>
        w.fake.calls.indexOf(c) >= from &&
        c.method === 'response_url' &&
        person.responseUrl.endsWith(c.path) &&
        /Could not connect Nowhere/.test(slackText(c)),
    );
    expect(slackText(last)).toMatch(/Reader role on the subscription/);
    expect(responseUrlCalls(w.fake.since(from), person.responseUrl)).toHaveLength(2);
  });

  it('a Web API failure in a command reaches the error handler, which answers through response_url', async () => {
    const person = who(w.fake);
    w.fake.fail('views.open', 'expired_trigger_id');
    const from = w.fake.calls.length;
    const ack = await slashCommand(w.h.app.url, person, 'connect azure');
    expect(ack.status).toBe(200);
    const told = await w.fake.waitFor(
      (c) =>
        w.fake.calls.indexOf(c) >= from && c.method === 'response_url' && person.responseUrl.endsWith(c.path),
    );
    expect(slackText(told)).toMatch(/Something went wrong/);
    expect(w.h.logs.some((l) => l.includes('slack request failed') && l.includes('expired_trigger_id'))).toBe(
      true,
    );
  });
});

describe('Slack: when the final message cannot be delivered, it still reaches the person', () => {
  /** Opens the modal, submits, and closes the modal (Slack refuses its updates from then on). */
  async function connectWithClosedModal(person: SlackWho, name: string) {
    const { view } = await openModal(w, person);
    w.fake.fail('views.update', 'not_found', (b) => b.view_id === view.id);
    const from = w.fake.calls.length;
    const logsFrom = w.h.logs.length;
    const ack = await postSigned(w.h.app.url, viewSubmissionBody(person, view, modalInput(C.good, name)));
    expect(ack.json?.response_action).toBe('update');
    return { from, logsFrom, ack };
  }

  const finalOn = (from: number, pred: (c: SlackCall) => boolean) =>
    w.fake.waitFor((c) => w.fake.calls.indexOf(c) >= from && pred(c) && FINAL.test(slackText(c)));

  it.each([
    ['chat.update fails after the first post', (channel: string) => updatesFailIn(channel)],
    [
      'nothing can be posted in the channel (not an out-of-reach error)',
      (channel: string) => {
        updatesFailIn(channel);
        w.fake.fail('chat.postMessage', 'fatal_error', (b) => b.channel === channel);
      },
    ],
  ])('%s, modal closed → the result comes through response_url', async (_label, breakChannel) => {
    const person = who(w.fake);
    breakChannel(person.channelId);
    const { from, logsFrom, ack } = await connectWithClosedModal(person, 'Stubborn');
    const viaUrl = await finalOn(
      from,
      (c) => c.method === 'response_url' && person.responseUrl.endsWith(c.path),
    );
    expect(slackText(viaUrl)).toMatch(/Stubborn is Active/);
    expect(slackText(viaUrl)).toContain('137');
    expect(viaUrl.body.response_type).toBe('ephemeral');
    await w.h.app.jobs.idle(5_000);
    const calls = w.fake.since(from);
    // The channel never showed the result, the modal was closed: response_url was the way, once.
    expect(calls.some((c) => c.method !== 'response_url' && FINAL.test(slackText(c)) && c.response.ok)).toBe(
      false,
    );
    expect(responseUrlCalls(calls, person.responseUrl)).toHaveLength(1);
    expect(calls.some((c) => c.method === 'conversations.open')).toBe(false);
    const logs = w.h.logs.slice(logsFrom);
    expect(logs.some((l) => l.includes('slack final message not delivered'))).toBe(true);
    expect(logs.some((l) => l.includes('reached nobody'))).toBe(false);
    expect(leaks(C.good.clientSecret, calls, [ack.text, ...logs])).toEqual([]);
  });

  it('and when response_url fails too, through a direct message', async () => {
    const person = who(w.fake);
    updatesFailIn(person.channelId);
    w.fake.failResponseUrl(person.responseUrl);
    const { from } = await connectWithClosedModal(person, 'Via DM');
    const dm = await finalOn(
      from,
      (c) => c.method === 'chat.postMessage' && c.body.channel === `D${person.userId}`,
    );
    expect(slackText(dm)).toMatch(/Via DM is Active/);
    expect(dm.response.ok).toBe(true);
    await w.h.app.jobs.idle(5_000);
    const calls = w.fake.since(from);
    expect(calls.find((c) => c.method === 'conversations.open')?.body.users).toBe(person.userId);
    expect(responseUrlCalls(calls, person.responseUrl).map((c) => c.response.ok)).toEqual([false]);
  });

  it('only when every way fails is it logged as an error, without the message or the secret', async () => {
    const person = who(w.fake);
    updatesFailIn(person.channelId);
    w.fake.failResponseUrl(person.responseUrl);
    w.fake.fail('conversations.open', 'user_not_found', (b) => b.users === person.userId);
    const { logsFrom } = await connectWithClosedModal(person, 'Nowhere at all');
    const deadline = Date.now() + 15_000;
    let line: string | undefined;
    while (!line && Date.now() < deadline) {
      line = w.h.logs.slice(logsFrom).find((l) => l.includes('reached nobody'));
      if (!line) await new Promise((r) => setTimeout(r, 50));
    }
    expect(line).toBeDefined();
    const entry = JSON.parse(line as string) as {
      level: number;
      channel: string;
      failures: { via: string }[];
    };
    expect(entry.level).toBe(50);
    expect(entry.channel).toBe(person.channelId);
    expect(entry.failures.map((f) => f.via)).toEqual(['message', 'response_url', 'dm']);
    expect(line).not.toMatch(/is Active|137|Contoso/);
    expect(line).not.toContain(C.good.clientSecret);
    expect(line).not.toContain(person.responseUrl);
  });
});

/** chat.update fails in this channel, every time (after the client's own retries). */
function updatesFailIn(channel: string): void {
  w.fake.fail('chat.update', 'internal_error', (b) => b.channel === channel);
}
