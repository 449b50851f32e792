import { slackWorkspaceId } from '../../src/channels/slack/payload';
import { slackText } from '../support/fake-slack';
import { type SlackWorld, startSlackWorld, who } from './slack-e2e';
import { postSigned, SIGNING_SECRET, sign, slashCommandBody } from './slack-requests';

let w: SlackWorld;

beforeAll(async () => {
  w = await startSlackWorld();
});
afterAll(async () => {
  await w.close();
});

const now = () => Math.floor(Date.now() / 1000);

describe('Slack: requests to /slack/events are verified (signature, 5-minute window both ways)', () => {
  it('a correctly signed command is answered', async () => {
    const res = await postSigned(w.h.app.url, slashCommandBody(who(w.fake), 'help'));
    expect(res.status).toBe(200);
    expect(slackText({ body: res.json ?? {} })).toMatch(/Osto commands/);
  });

  it.each([
    ['a bad signature', { signature: 'v0=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef' }],
    ['another signing secret', { secret: 'not-the-signing-secret' }],
    ['a stale timestamp (−6 min)', { ts: now() - 6 * 60 }],
    ['a future timestamp (+6 min)', { ts: now() + 6 * 60 }],
    ['a timestamp that is not a number', { ts: Number.NaN }],
  ])('%s → 401, and nothing runs', async (_label, opts) => {
    const person = who(w.fake);
    const from = w.fake.calls.length;
    const body = slashCommandBody(person, 'status');
    const res = await postSigned(w.h.app.url, body, {
      ...opts,
      // The signature matches the (wrong) timestamp, so only the window can refuse it.
      ...('ts' in opts && !('signature' in opts) ? { signature: sign(body, opts.ts ?? 0) } : {}),
    });
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(w.fake.since(from)).toEqual([]);
    expect(
      await w.h.app.store.conversations.get(slackWorkspaceId(person.teamId), person.channelId),
    ).toBeUndefined();
  });

  it('inside the window (±4 min) is accepted both ways', async () => {
    for (const ts of [now() - 4 * 60, now() + 4 * 60]) {
      const res = await postSigned(w.h.app.url, slashCommandBody(who(w.fake), 'help'), { ts });
      expect(res.status).toBe(200);
    }
  });

  it('a tampered body → 401 (the signature covers the raw body)', async () => {
    const person = who(w.fake);
    const body = slashCommandBody(person, 'help');
    const ts = now();
    const res = await postSigned(w.h.app.url, body.replace('help', 'status'), {
      ts,
      signature: sign(body, ts),
    });
    expect(res.status).toBe(401);
  });

  it('missing signature headers → 401', async () => {
    const res = await fetch(`${w.h.app.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: slashCommandBody(who(w.fake), 'help'),
    });
    expect(res.status).toBe(401);
  });

  it('the raw body reaches the verifier byte for byte (percent-encoding and non-ASCII intact)', async () => {
    // A body whose bytes change if anything parses and re-serialises it before Bolt does.
    const body = `${slashCommandBody(who(w.fake), 'status Prod%20%26 Co ünïcödé')}&extra=a+b%2Bc`;
    const res = await postSigned(w.h.app.url, body, { secret: SIGNING_SECRET });
    expect(res.status).toBe(200);
  });
});
